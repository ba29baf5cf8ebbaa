package io.jenkins.plugins.seldon.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Collections;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Credential drop-downs and checks as the Credentials plugin's consumer guide describes them. Two contexts:
 * <ul>
 *   <li>no item, i.e. a server in the global configuration: only administrators list, as the system, and SYSTEM
 *       scope is offered (and recommended) because {@link SystemCredentials} resolves these;</li>
 *   <li>a job: those who may configure it list what its builds will see ({@link BuildCredentials}), which excludes
 *       SYSTEM scope.</li>
 * </ul>
 * Callers who may not list see only the current value. Callers annotate their web methods with {@code @POST}.
 */
public final class CredentialsForms {

    private static final CredentialsMatcher VISIBLE_TO_BUILDS =
            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM));

    private CredentialsForms() {}

    /** Domain requirements of a secret sent to {@code url}; none when the URL is unknown. */
    public static List<DomainRequirement> requirements(@CheckForNull String url) {
        String u = Util.fixEmptyAndTrim(url);
        return u == null ? Collections.emptyList() : URIRequirementBuilder.fromUri(u).build();
    }

    /** Whether the current user may list credentials in this context (no item: the global configuration). */
    public static boolean mayList(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasAnyPermission(Item.EXTENDED_READ, CredentialsProvider.USE_ITEM);
    }

    private static Authentication buildAuthentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    public static ListBoxModel fill(@CheckForNull Item item, Class<? extends StandardCredentials> type,
            @CheckForNull String current, List<DomainRequirement> requirements) {
        String value = Util.fixNull(current);
        StandardListBoxModel model = new StandardListBoxModel();
        if (!mayList(item)) {
            model.includeCurrentValue(value);
            return model;
        }
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, requirements, CredentialsMatchers.always());
        } else {
            model.includeMatchingAs(buildAuthentication(item), item, type, requirements, VISIBLE_TO_BUILDS);
        }
        model.includeCurrentValue(value);
        return model;
    }

    /**
     * @param globalScopeWarning for a server's credential (no item): the warning shown when the credential is
     *     GLOBAL-scoped, i.e. readable by jobs; {@code null} when that does not matter here
     */
    public static FormValidation check(@CheckForNull Item item, Class<? extends StandardCredentials> type,
            @CheckForNull String value, List<DomainRequirement> requirements, boolean required,
            @CheckForNull String globalScopeWarning) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return required ? FormValidation.error(Messages.CredentialsForms_select()) : FormValidation.ok();
        }
        if (id.startsWith("${")) {
            return FormValidation.warning(Messages.CredentialsForms_expression());
        }
        List<? extends StandardCredentials> found = item == null
                ? CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, requirements)
                : CredentialsProvider.lookupCredentialsInItem(type, item, buildAuthentication(item), requirements);
        for (StandardCredentials c : found) {
            if (c.getId().equals(id)) {
                if (item != null && c.getScope() == CredentialsScope.SYSTEM) {
                    return FormValidation.error(Messages.CredentialsForms_systemScopedForJobs());
                }
                if (item == null && globalScopeWarning != null && c.getScope() == CredentialsScope.GLOBAL) {
                    return FormValidation.warning(globalScopeWarning);
                }
                return FormValidation.ok();
            }
        }
        return FormValidation.error(Messages.CredentialsForms_notVisible());
    }

    /** The scope of the credential an administrator configured, or null when there is none with that id. */
    @CheckForNull
    public static CredentialsScope scopeOf(@CheckForNull String id) {
        if (Util.fixEmptyAndTrim(id) == null) {
            return null;
        }
        StandardCredentials c = CredentialsProvider.findCredentialByIdInItemGroup(id.trim(), StandardCredentials.class,
                Jenkins.get(), ACL.SYSTEM2, Collections.emptyList());
        return c == null ? null : c.getScope();
    }
}

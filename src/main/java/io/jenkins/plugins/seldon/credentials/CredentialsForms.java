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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Credential drop-downs and checks as the Credentials plugin's consumer guide describes them, in one of two contexts:
 * <ul>
 *   <li>{@link Context#SERVER}: a server in the global configuration. Only administrators list, as the system, and
 *       SYSTEM scope is offered (and recommended) because {@link SystemCredentials} resolves these.</li>
 *   <li>{@link Context#BUILD}: a step's own credential. Those who may configure the job list what its builds will see
 *       ({@link BuildCredentials}), which never includes SYSTEM scope, also on a page without a job (the global
 *       Pipeline Syntax page).</li>
 * </ul>
 * Callers who may not list see only the current value. Checks never read a secret. Callers annotate their web methods
 * with {@code @POST}.
 */
public final class CredentialsForms {

    /** Whose credential a field names. */
    public enum Context {
        /** What an administrator configures on a server, resolved as the system. */
        SERVER,
        /** A job's own, resolved in its builds' context. */
        BUILD
    }

    private static final CredentialsMatcher VISIBLE_TO_BUILDS =
            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM));

    private CredentialsForms() {}

    /** Domain requirements of a secret that may be sent to any of {@code urls}; none when none is known. */
    public static List<DomainRequirement> requirements(Collection<String> urls) {
        List<DomainRequirement> requirements = new ArrayList<>();
        for (String url : urls) {
            String u = Util.fixEmptyAndTrim(url);
            if (u != null) {
                requirements.addAll(URIRequirementBuilder.fromUri(u).build());
            }
        }
        return requirements;
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

    private static CredentialsMatcher visible(Context context) {
        return context == Context.BUILD ? VISIBLE_TO_BUILDS : CredentialsMatchers.always();
    }

    public static ListBoxModel fill(Context context, @CheckForNull Item item, Class<? extends StandardCredentials> type,
            @CheckForNull String current, List<DomainRequirement> requirements) {
        String value = Util.fixNull(current);
        StandardListBoxModel model = new StandardListBoxModel();
        if (!mayList(item)) {
            model.includeCurrentValue(value);
            return model;
        }
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, requirements, visible(context));
        } else {
            model.includeMatchingAs(buildAuthentication(item), item, type, requirements, visible(context));
        }
        model.includeCurrentValue(value);
        return model;
    }

    /**
     * @param globalScopeWarning in the server context: the warning shown when the credential is GLOBAL-scoped, i.e.
     *     readable by jobs; {@code null} when that does not matter here
     */
    public static FormValidation check(Context context, @CheckForNull Item item,
            Class<? extends StandardCredentials> type, @CheckForNull String value, List<DomainRequirement> requirements,
            boolean required, @CheckForNull String globalScopeWarning) {
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
        CredentialsMatcher matcher = CredentialsMatchers.allOf(CredentialsMatchers.withId(id), visible(context));
        // Listing reads no secret and records no use, unlike a lookup of the credential itself.
        ListBoxModel found = item == null
                ? CredentialsProvider.listCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, requirements, matcher)
                : CredentialsProvider.listCredentialsInItem(type, item, buildAuthentication(item), requirements,
                        matcher);
        if (found.isEmpty()) {
            return FormValidation.error(context == Context.BUILD ? Messages.CredentialsForms_notVisibleToBuilds()
                    : Messages.CredentialsForms_notVisible());
        }
        if (context == Context.SERVER && globalScopeWarning != null && scopeOf(id) == CredentialsScope.GLOBAL) {
            return FormValidation.warning(globalScopeWarning);
        }
        return FormValidation.ok();
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

package io.jenkins.plugins.seldon.config;

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
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.springframework.security.core.Authentication;

/**
 * Credential drop-downs and checks as the Credentials plugin's consumer guide describes them: callers that may not
 * list credentials see only the current value, lists use the authentication the build will have, and domain
 * requirements come from the URL the secret is sent to. Callers annotate their web methods with {@code @POST}.
 */
@Restricted(NoExternalUse.class)
public final class CredentialsForms {

    /**
     * Builds cannot see SYSTEM-scoped credentials, so neither server settings nor steps may pick them: a server that
     * works in "Test connection" must also work in a build.
     */
    private static final CredentialsMatcher VISIBLE_TO_BUILDS =
            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM));

    private CredentialsForms() {}

    public static List<DomainRequirement> requirements(@CheckForNull String url) {
        String u = Util.fixEmptyAndTrim(url);
        return u == null ? Collections.emptyList() : URIRequirementBuilder.fromUri(u).build();
    }

    /** Whether the current user may list credentials in this context (no item: the global configuration). */
    static boolean mayList(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasAnyPermission(Item.EXTENDED_READ, CredentialsProvider.USE_ITEM);
    }

    private static Authentication buildAuthentication(@CheckForNull Item item) {
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
            model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, requirements, VISIBLE_TO_BUILDS);
        } else {
            model.includeMatchingAs(buildAuthentication(item), item, type, requirements, VISIBLE_TO_BUILDS);
        }
        model.includeCurrentValue(value);
        return model;
    }

    public static FormValidation check(@CheckForNull Item item, Class<? extends StandardCredentials> type,
            @CheckForNull String value, List<DomainRequirement> requirements, boolean required) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return required ? FormValidation.error("Select a credential") : FormValidation.ok();
        }
        if (id.startsWith("${")) {
            return FormValidation.warning("Cannot check an expression; it is resolved at build time");
        }
        List<? extends StandardCredentials> found = item == null
                ? CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, requirements)
                : CredentialsProvider.lookupCredentialsInItem(type, item, buildAuthentication(item), requirements);
        for (StandardCredentials c : found) {
            if (c.getId().equals(id)) {
                return c.getScope() == CredentialsScope.SYSTEM
                        ? FormValidation.error("This credential is SYSTEM-scoped; builds cannot use it. Use a GLOBAL credential")
                        : FormValidation.ok();
            }
        }
        return FormValidation.error("No credential with this id of the expected type is visible here");
    }
}

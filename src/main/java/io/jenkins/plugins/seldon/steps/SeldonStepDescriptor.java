package io.jenkins.plugins.seldon.steps;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.config.CredentialsForms;
import io.jenkins.plugins.seldon.config.SeldonGlobalConfiguration;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Names;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Form methods and labels shared by the Seldon steps (also used by the freestyle builders' descriptors). */
public abstract class SeldonStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    /** Shows only where the step acts, never manifests, maps or messages. */
    @Override
    public String argumentsToString(Map<String, Object> namedArgs) {
        return label(namedArgs);
    }

    @Restricted(NoExternalUse.class)
    public static String label(Map<String, Object> namedArgs) {
        StringJoiner j = new StringJoiner("/");
        for (String key : List.of("namespace", "name")) {
            Object v = namedArgs.get(key);
            if (v instanceof CharSequence s && !s.toString().isBlank()) {
                j.add(s.toString());
            }
        }
        return j.length() == 0 ? null : j.toString();
    }

    @POST
    public ListBoxModel doFillServerItems(@AncestorInPath Item item) {
        return Forms.serverItems(item);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
            @QueryParameter String server) {
        return Forms.credentialItems(item, credentialsId, server);
    }

    @POST
    public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
            @QueryParameter String server) {
        return Forms.checkCredentials(item, value, server);
    }

    @POST
    public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkName(item, value, true);
    }

    /** The form logic, reusable from descriptors that are not step descriptors. */
    @Restricted(NoExternalUse.class)
    public static final class Forms {
        private Forms() {}

        private static boolean mayRead(Item item) {
            return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.EXTENDED_READ);
        }

        public static ListBoxModel serverItems(Item item) {
            if (!mayRead(item)) {
                return new ListBoxModel();
            }
            return SeldonGlobalConfiguration.get().serverItems();
        }

        private static SeldonServer serverOrNull(String server) {
            SeldonGlobalConfiguration config = SeldonGlobalConfiguration.get();
            try {
                return config.resolveServer(server);
            } catch (IOException e) {
                return null;
            }
        }

        private static Class<? extends StandardCredentials> type(SeldonServer s) {
            return s == null ? StandardUsernamePasswordCredentials.class : s.getAuthentication().getOverridableCredentialType();
        }

        private static List<DomainRequirement> requirements(SeldonServer s) {
            return CredentialsForms.requirements(s == null ? null : s.getAuthentication().getSecretDestinationUrl());
        }

        public static ListBoxModel credentialItems(Item item, String current, String server) {
            SeldonServer s = serverOrNull(server);
            return CredentialsForms.fill(item, type(s), current, requirements(s));
        }

        public static FormValidation checkCredentials(Item item, String value, String server) {
            SeldonServer s = serverOrNull(server);
            FormValidation v = CredentialsForms.check(item, type(s), value, requirements(s), false);
            if (v.kind == FormValidation.Kind.OK && s != null && mayRead(item)) {
                return FormValidation.ok(s.getAuthentication().getDescriptor().getOverrideDescription());
            }
            return v;
        }

        /** Local DNS-1123 check, no network. */
        public static FormValidation checkName(Item item, String value, boolean namespace) {
            if (!mayRead(item)) {
                return FormValidation.ok();
            }
            if (value != null && value.contains("${")) {
                return FormValidation.ok();
            }
            try {
                if (namespace) {
                    Names.checkNamespace(value);
                } else {
                    Names.checkName(ResourceKind.SELDON_DEPLOYMENT, value);
                }
                return FormValidation.ok();
            } catch (InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}

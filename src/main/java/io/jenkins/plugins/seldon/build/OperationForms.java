package io.jenkins.plugins.seldon.build;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.config.SeldonGlobalConfiguration;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import io.jenkins.plugins.seldon.operations.Expectation;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.ModelMetadata;
import io.jenkins.plugins.seldon.operations.Names;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The form logic of the fields every operation shares, for the descriptors of Pipeline steps and freestyle build
 * steps alike (each declares its own {@code @POST} web methods, which call these). Nothing here reaches the network.
 */
public final class OperationForms {

    private OperationForms() {}

    /** Who may see server names and check values: those who may read the job's configuration. */
    public static boolean mayRead(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.EXTENDED_READ);
    }

    public static ListBoxModel serverItems(@CheckForNull Item item, @CheckForNull String current) {
        if (!mayRead(item)) {
            ListBoxModel model = new ListBoxModel();
            if (current != null && !current.isBlank()) {
                model.add(new ListBoxModel.Option(current, current, true));
            }
            return model;
        }
        return SeldonGlobalConfiguration.get().serverItems(current);
    }

    /** The servers a promotion may read from; the empty choice means the target's server, not the default. */
    public static ListBoxModel sourceServerItems(@CheckForNull Item item, @CheckForNull String current) {
        ListBoxModel model = serverItems(item, current);
        model.stream().filter(o -> o.value.isEmpty()).forEach(o -> o.name = Messages.OperationForms_targetServer());
        return model;
    }

    /** The server a form's choice means (the default when blank), or null when there is none such. */
    @CheckForNull
    private static SeldonServer serverOrNull(@CheckForNull String server) {
        try {
            return SeldonGlobalConfiguration.get().resolveServer(server);
        } catch (IOException e) {
            return null;
        }
    }

    private static Class<? extends StandardCredentials> type(@CheckForNull SeldonServer s) {
        return s == null ? StandardUsernamePasswordCredentials.class : s.getAuthentication().getOverridableCredentialType();
    }

    private static List<DomainRequirement> requirements(@CheckForNull SeldonServer s) {
        return CredentialsForms.requirements(s == null ? List.of() : s.getAuthentication().secretDestinations(s.getApiUrl()));
    }

    /** The job's own credentials of the type the chosen server's authentication lets a step replace. */
    public static ListBoxModel credentialItems(@CheckForNull Item item, @CheckForNull String current,
            @CheckForNull String server) {
        SeldonServer s = serverOrNull(server);
        return CredentialsForms.fill(CredentialsForms.Context.BUILD, item, type(s), current, requirements(s));
    }

    public static FormValidation checkCredentials(@CheckForNull Item item, @CheckForNull String value,
            @CheckForNull String server) {
        SeldonServer s = serverOrNull(server);
        FormValidation v = CredentialsForms.check(CredentialsForms.Context.BUILD, item, type(s), value, requirements(s), false, null);
        if (v.kind == FormValidation.Kind.OK && s != null && value != null && !value.isBlank() && mayRead(item)) {
            return FormValidation.ok(s.getAuthentication().getDescriptor().getOverrideDescription());
        }
        return v;
    }

    /** Local Kubernetes name check, no network; values with build variables are checked at build time. */
    public static FormValidation checkNamespace(@CheckForNull Item item, @CheckForNull String value) {
        return check(item, value, Names::checkNamespace);
    }

    /** For a namespace that may be left empty: checked only when given (forms check fields as soon as they load). */
    public static FormValidation checkOptionalNamespace(@CheckForNull Item item, @CheckForNull String value) {
        return value == null || value.isBlank() ? FormValidation.ok() : checkNamespace(item, value);
    }

    /** For a name that may be left empty: checked by {@code kind}'s rules only when given. */
    public static FormValidation checkOptionalName(@CheckForNull Item item, @CheckForNull String value,
            ResourceKind kind) {
        return value == null || value.isBlank() ? FormValidation.ok() : checkName(item, value, kind);
    }

    /** @param kind whose naming rules apply; for an Experiment, the name is its main pipeline's */
    public static FormValidation checkName(@CheckForNull Item item, @CheckForNull String value, ResourceKind kind) {
        ResourceKind rules = kind == ResourceKind.EXPERIMENT ? ResourceKind.PIPELINE : kind;
        return check(item, value, v -> Names.checkName(rules, v));
    }

    /** A wait's timeout or poll interval: whole seconds, at least one. */
    public static FormValidation checkSeconds(@CheckForNull Item item, @CheckForNull String value) {
        if (!mayRead(item) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        return FormValidation.validatePositiveInteger(value.strip());
    }

    /** A canary's weight: a whole percentage from 0 to 100. */
    public static FormValidation checkWeight(@CheckForNull Item item, @CheckForNull String value) {
        if (!mayRead(item) || value == null || value.isBlank() || value.contains("${")) {
            return FormValidation.ok();
        }
        try {
            int weight = Integer.parseInt(value.strip());
            return weight >= 0 && weight <= 100 ? FormValidation.ok()
                    : FormValidation.error(Messages.OperationForms_weight());
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.OperationForms_weight());
        }
    }

    /**
     * A model's name in the metadata store: free text, unlike the name of a resource (the Kubernetes rules of
     * {@link #checkName} do not apply); only its length is limited.
     */
    public static FormValidation checkModelMetadataName(@CheckForNull Item item, @CheckForNull String value) {
        if (!mayRead(item) || value == null || value.contains("${")) {
            return FormValidation.ok();
        }
        try {
            ModelMetadata.checkName(value.strip());
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The JSON Pointer of a prediction's expectation, checked locally; empty means no check. */
    public static FormValidation checkJsonPointer(@CheckForNull Item item, @CheckForNull String value) {
        if (!mayRead(item) || value == null || value.isBlank() || value.contains("${")) {
            return FormValidation.ok();
        }
        try {
            Expectation.of(value.strip(), null);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The kind a form names by its constant, SeldonDeployment when none or an unknown one. */
    public static ResourceKind kind(@CheckForNull String value) {
        for (ResourceKind k : ResourceKind.values()) {
            if (k.name().equals(value)) {
                return k;
            }
        }
        return ResourceKind.SELDON_DEPLOYMENT;
    }

    @FunctionalInterface
    private interface NameCheck {
        String check(String value) throws InvalidInputException;
    }

    private static FormValidation check(@CheckForNull Item item, @CheckForNull String value, NameCheck check) {
        if (!mayRead(item) || (value != null && value.contains("${"))) {
            return FormValidation.ok();
        }
        try {
            check.check(value == null ? null : value.strip());
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}

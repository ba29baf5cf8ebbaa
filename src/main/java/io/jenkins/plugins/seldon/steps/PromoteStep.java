package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.PromoteParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonPromote(kind: 'Pipeline', name: 'iris', fromServer: 'staging', fromNamespace: 'models', server:
 * 'prod')}: reads a resource of any kind from one server and namespace, strips what that server owns, retargets it
 * and applies it to another server or namespace, with an audit message naming the source. The target gets what any
 * apply gets: created, updated with its diff logged, or left unchanged (nothing sent); {@code dryRun: true} only
 * compares. Returns the change as a map.
 */
public final class PromoteStep extends SeldonStep<PromoteParameters> {

    /** As given, checked when the step starts, so that a wrong kind is a one-line failure. */
    private final String kind;

    @DataBoundConstructor
    public PromoteStep(String kind, String name, String fromNamespace) {
        super(new PromoteParameters());
        this.kind = kind;
        ResourceKind.ofManifestKind(kind).ifPresent(parameters()::setKind);
        parameters().setName(name);
        parameters().setFromNamespace(fromNamespace);
    }

    /** {@code SeldonDeployment}, {@code Pipeline}, {@code Model} or {@code Experiment}. */
    public String getKind() {
        return kind;
    }

    /** The source resource; for an Experiment, its main pipeline. */
    public String getName() {
        return parameters().getName();
    }

    public String getFromNamespace() {
        return parameters().getFromNamespace();
    }

    /** The source server; empty for the same server as the target. */
    @CheckForNull
    public String getFromServer() {
        return parameters().getFromServer();
    }

    @DataBoundSetter
    public void setFromServer(String fromServer) {
        parameters().setFromServer(fromServer);
    }

    @CheckForNull
    public String getFromCredentialsId() {
        return parameters().getFromCredentialsId();
    }

    @DataBoundSetter
    public void setFromCredentialsId(String fromCredentialsId) {
        parameters().setFromCredentialsId(fromCredentialsId);
    }

    /** The target namespace; empty for the source's. */
    @CheckForNull
    public String getNamespace() {
        return parameters().getNamespace();
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        parameters().setNamespace(namespace);
    }

    @CheckForNull
    public String getTargetName() {
        return parameters().getTargetName();
    }

    @DataBoundSetter
    public void setTargetName(String targetName) {
        parameters().setTargetName(targetName);
    }

    @CheckForNull
    public Map<String, String> getPipelineRenames() {
        return parameters().getPipelineRenames().isEmpty() ? null : parameters().getPipelineRenames();
    }

    @DataBoundSetter
    public void setPipelineRenames(Map<String, String> pipelineRenames) {
        parameters().setPipelineRenames(pipelineRenames);
    }

    public boolean isDryRun() {
        return parameters().isDryRun();
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        parameters().setDryRun(dryRun);
    }

    @CheckForNull
    public String getMessage() {
        return parameters().getMessage();
    }

    @DataBoundSetter
    public void setMessage(String message) {
        parameters().setMessage(message);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (ResourceKind.ofManifestKind(kind).isEmpty()) {
            throw new AbortException(Messages.PromoteStep_kind(kind, Arrays.stream(ResourceKind.values())
                    .map(ResourceKind::kind).collect(Collectors.joining(", "))));
        }
        return new OperationExecution<PromoteParameters, Map<String, Object>>(context, parameters(),
                (p, session, ctx) -> session.promote(p, session.openSource(p)));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {

        @Override
        public String getFunctionName() {
            return "seldonPromote";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PromoteStep_displayName();
        }

        /** Where from: the source namespace and name. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return label(namedArgs, List.of("fromNamespace", "name"));
        }

        @POST
        public ListBoxModel doFillKindItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (OperationForms.mayRead(item)) {
                for (ResourceKind k : ResourceKind.values()) {
                    model.add(k.kind(), k.kind());
                }
            }
            return model;
        }

        @POST
        public ListBoxModel doFillFromServerItems(@AncestorInPath Item item, @QueryParameter String fromServer) {
            return OperationForms.sourceServerItems(item, fromServer);
        }

        @POST
        public ListBoxModel doFillFromCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String fromCredentialsId, @QueryParameter String fromServer) {
            return OperationForms.credentialItems(item, fromCredentialsId, fromServer);
        }

        @POST
        public FormValidation doCheckFromCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String fromServer) {
            return OperationForms.checkCredentials(item, value, fromServer);
        }

        @POST
        public FormValidation doCheckFromNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkNamespace(item, value);
        }

        /** The target namespace is optional: empty is the source's. */
        @POST
        @Override
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalNamespace(item, value);
        }

        @POST
        public FormValidation doCheckTargetName(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String kind) {
            return OperationForms.checkOptionalName(item, value, ResourceKind.ofManifestKind(kind)
                    .orElse(ResourceKind.SELDON_DEPLOYMENT));
        }
    }
}

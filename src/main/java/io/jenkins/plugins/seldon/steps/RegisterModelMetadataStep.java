package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.operations.ModelMetadata;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.ModelMetadataParameters;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonRegisterModelMetadata(uri: 'gs://models/iris/v2', name: 'iris', version: 'v2', ...)}: records what a
 * build shipped in the platform's model metadata store. Registering the same record again changes nothing, so a
 * build can run twice; a record of the same URI and project with other values fails with the difference, unless
 * {@code update: true}. Returns what it did as a map.
 */
public final class RegisterModelMetadataStep extends SeldonStep<ModelMetadataParameters> {

    @DataBoundConstructor
    public RegisterModelMetadataStep(String uri) {
        super(new ModelMetadataParameters());
        parameters().setUri(uri);
    }

    public String getUri() {
        return parameters().getUri();
    }

    @CheckForNull
    public String getName() {
        return parameters().getName();
    }

    @DataBoundSetter
    public void setName(String name) {
        parameters().setName(name);
    }

    @CheckForNull
    public String getVersion() {
        return parameters().getVersion();
    }

    @DataBoundSetter
    public void setVersion(String version) {
        parameters().setVersion(version);
    }

    @CheckForNull
    public String getArtifactType() {
        return parameters().getArtifactType();
    }

    @DataBoundSetter
    public void setArtifactType(String artifactType) {
        parameters().setArtifactType(artifactType);
    }

    @CheckForNull
    public String getTaskType() {
        return parameters().getTaskType();
    }

    @DataBoundSetter
    public void setTaskType(String taskType) {
        parameters().setTaskType(taskType);
    }

    @CheckForNull
    public String getProject() {
        return parameters().getProject();
    }

    @DataBoundSetter
    public void setProject(String project) {
        parameters().setProject(project);
    }

    @CheckForNull
    public Map<String, String> getTags() {
        return parameters().getTags();
    }

    @DataBoundSetter
    public void setTags(Map<String, String> tags) {
        parameters().setTags(tags);
    }

    @CheckForNull
    public Map<String, Object> getMetrics() {
        return parameters().getMetrics();
    }

    @DataBoundSetter
    public void setMetrics(Map<String, Object> metrics) {
        parameters().setMetrics(metrics);
    }

    public boolean isUpdate() {
        return parameters().isUpdate();
    }

    @DataBoundSetter
    public void setUpdate(boolean update) {
        parameters().setUpdate(update);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new OperationExecution<ModelMetadataParameters, Map<String, Object>>(context, parameters(),
                (p, session, ctx) -> session.registerModelMetadata(p, FieldLabels.PIPELINE));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonRegisterModelMetadata";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RegisterModelMetadataStep_displayName();
        }

        /** The model's URI, the record's identity. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return label(namedArgs, List.of("uri", "version"));
        }

        @POST
        public ListBoxModel doFillArtifactTypeItems(@AncestorInPath Item item) {
            return artifactTypes(item);
        }

        /** A model's name, free text: not checked as a Kubernetes name, as the inherited check would. */
        @POST
        @Override
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkModelMetadataName(item, value);
        }
    }

    /** The artifact types the API knows, and none. */
    static ListBoxModel artifactTypes(Item item) {
        ListBoxModel model = new ListBoxModel();
        if (OperationForms.mayRead(item)) {
            model.add("", "");
            new TreeSet<>(ModelMetadata.ARTIFACT_TYPES).forEach(t -> model.add(t, t));
        }
        return model;
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.operations.parameters.ModelMetadataQueryParameters;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonListModelMetadata(name: 'iris')}: the model metadata records that match every field given, as a list of
 * maps in the API's names ({@code URI}, {@code name}, {@code version}, {@code artifactType}, {@code tags},
 * {@code metrics}...); none given lists them all, up to 1000.
 */
public final class ListModelMetadataStep extends SeldonStep<ModelMetadataQueryParameters> {

    @DataBoundConstructor
    public ListModelMetadataStep() {
        super(new ModelMetadataQueryParameters());
    }

    @CheckForNull
    public String getUri() {
        return parameters().getUri();
    }

    @DataBoundSetter
    public void setUri(String uri) {
        parameters().setUri(uri);
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

    @Override
    public StepExecution start(StepContext context) {
        return new OperationExecution<ModelMetadataQueryParameters, List<Object>>(context, parameters(),
                (p, session, ctx) -> session.listModelMetadata(p));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonListModelMetadata";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ListModelMetadataStep_displayName();
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return label(namedArgs, List.of("uri", "name", "version"));
        }

        @POST
        public ListBoxModel doFillArtifactTypeItems(@AncestorInPath Item item) {
            return RegisterModelMetadataStep.artifactTypes(item);
        }

        /** A model's name, free text: not checked as a Kubernetes name, as the inherited check would. */
        @POST
        @Override
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkModelMetadataName(item, value);
        }
    }
}

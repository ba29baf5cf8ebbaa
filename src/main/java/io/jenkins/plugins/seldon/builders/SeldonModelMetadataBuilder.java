package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.ModelMetadata;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.ModelMetadataParameters;
import java.io.IOException;
import java.util.TreeSet;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Records what a build shipped in the platform's model metadata store: the freestyle form of
 * {@code seldonRegisterModelMetadata}, with tags and metrics as {@code key=value} lines. The same record again changes
 * nothing; a different one of the same URI and project fails the build unless updating is checked.
 */
public final class SeldonModelMetadataBuilder extends OperationBuilder<ModelMetadataParameters> {

    @DataBoundConstructor
    public SeldonModelMetadataBuilder(String uri) {
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
    public String getTagLines() {
        return parameters().getTagLines();
    }

    @DataBoundSetter
    public void setTagLines(String tagLines) {
        parameters().setTagLines(tagLines);
    }

    @CheckForNull
    public String getMetricLines() {
        return parameters().getMetricLines();
    }

    @DataBoundSetter
    public void setMetricLines(String metricLines) {
        parameters().setMetricLines(metricLines);
    }

    public boolean isUpdate() {
        return parameters().isUpdate();
    }

    @DataBoundSetter
    public void setUpdate(boolean update) {
        parameters().setUpdate(update);
    }

    /** Only talks to the API, so it needs no workspace. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    protected FieldLabels labels() {
        return field -> switch (field) {
            case "uri" -> Messages.Field_uri();
            case "tagLines" -> Messages.Field_tagLines();
            case "metricLines", "metrics" -> Messages.Field_metricLines();
            case "artifactType" -> Messages.Field_artifactType();
            default -> LABELS.of(field);
        };
    }

    @Override
    protected void perform(ModelMetadataParameters p, SeldonSession session, @CheckForNull FilePath workspace,
            EnvVars env) throws IOException, InterruptedException {
        session.registerModelMetadata(p, labels());
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonModelMetadataBuilder_displayName();
        }

        @POST
        public ListBoxModel doFillArtifactTypeItems(@AncestorInPath Item item) {
            checkReadable(item);
            ListBoxModel model = new ListBoxModel();
            model.add("", "");
            new TreeSet<>(ModelMetadata.ARTIFACT_TYPES).forEach(t -> model.add(t, t));
            return model;
        }

        /** A model's name, free text: not checked as a Kubernetes name, as the inherited check would. */
        @POST
        @Override
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String kind) {
            return OperationForms.checkModelMetadataName(item, value);
        }
    }
}

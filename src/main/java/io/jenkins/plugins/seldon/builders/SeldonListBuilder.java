package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.ListParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Writes the SeldonDeployments or Pipelines of a namespace, or the Models of a pipeline, as a JSON array to a
 * workspace file, for later build steps.
 */
public final class SeldonListBuilder extends NamespaceBuilder<ListParameters> {

    private final String outputFile;

    @DataBoundConstructor
    public SeldonListBuilder(String namespace, String outputFile) {
        super(new ListParameters(), namespace);
        this.outputFile = Util.fixEmptyAndTrim(outputFile);
    }

    public String getOutputFile() {
        return outputFile;
    }

    /** SeldonDeployment (the default), Pipeline, or Model for the Models of {@link #getPipeline()}. */
    public ResourceKind getKind() {
        return parameters().getKind();
    }

    @DataBoundSetter
    public void setKind(ResourceKind kind) {
        parameters().setKind(kind);
    }

    @CheckForNull
    public String getPipeline() {
        return parameters().getPipeline();
    }

    @DataBoundSetter
    public void setPipeline(String pipeline) {
        parameters().setPipeline(pipeline);
    }

    /** The fields kept of each item, one dotted path per line; empty for all. */
    public String getFields() {
        return parameters().getFieldsText();
    }

    @DataBoundSetter
    public void setFields(String fields) {
        parameters().setFieldsText(fields);
    }

    public boolean isNamesOnly() {
        return parameters().isNamesOnly();
    }

    @DataBoundSetter
    public void setNamesOnly(boolean namesOnly) {
        parameters().setNamesOnly(namesOnly);
    }

    @CheckForNull
    public String getLabelSelector() {
        return parameters().getLabelSelector();
    }

    @DataBoundSetter
    public void setLabelSelector(String labelSelector) {
        parameters().setLabelSelector(labelSelector);
    }

    @Override
    protected void perform(ListParameters p, SeldonSession session, FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        String out = Util.fixEmptyAndTrim(env.expand(outputFile));
        if (out == null) {
            throw new AbortException(Messages.SeldonListBuilder_noOutputFile());
        }
        FilePath target = SeldonSession.inWorkspace(workspace, out);
        List<Object> items = session.list(p, labels());
        FilePath parent = target.getParent();
        if (parent != null) {
            parent.mkdirs();
        }
        try (OutputStream os = target.write()) {
            Json.writePretty(os, items);
        }
        session.log().info(Messages.SeldonListBuilder_wrote(items.size(), p.getKind().kind(), out));
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonListBuilder_displayName();
        }

        /** The kinds the API lists: no Experiments, and Models only of a pipeline. */
        @POST
        @Override
        public ListBoxModel doFillKindItems(@AncestorInPath Item item) {
            checkReadable(item);
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.Kind_SELDON_DEPLOYMENT(), ResourceKind.SELDON_DEPLOYMENT.name());
            model.add(Messages.Kind_PIPELINE(), ResourceKind.PIPELINE.name());
            model.add(Messages.SeldonListBuilder_modelsOfPipeline(), ResourceKind.MODEL.name());
            return model;
        }

        /** Only for the Models of a pipeline; empty otherwise. */
        @POST
        @Override
        public FormValidation doCheckPipeline(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalName(item, value, ResourceKind.PIPELINE);
        }

        @POST
        public FormValidation doCheckOutputFile(@AncestorInPath Item item, @QueryParameter String value) {
            // As for the other fields: those who may read the configuration see the verdict, others none.
            boolean mayRead = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ);
            return mayRead ? FormValidation.validateRequired(value) : FormValidation.ok();
        }
    }
}

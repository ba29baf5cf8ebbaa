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
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.PredictParameters;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The smoke test of a release as a gate: sends a JSON payload to a SeldonDeployment, a Pipeline or a Model and fails
 * the build, showing what came, when the answer misses the expected value. The freestyle form of
 * {@code seldonPredict}.
 */
public final class SeldonPredictBuilder extends ServingBuilder<PredictParameters> {

    @DataBoundConstructor
    public SeldonPredictBuilder(String namespace, String target) {
        super(new PredictParameters(), namespace, target);
    }

    @CheckForNull
    public String getJson() {
        return parameters().getJson();
    }

    @DataBoundSetter
    public void setJson(String json) {
        parameters().setJson(json);
    }

    @CheckForNull
    public String getFile() {
        return parameters().getFile();
    }

    @DataBoundSetter
    public void setFile(String file) {
        parameters().setFile(file);
    }

    @CheckForNull
    public String getExpect() {
        return parameters().getExpect();
    }

    @DataBoundSetter
    public void setExpect(String expect) {
        parameters().setExpect(expect);
    }

    @CheckForNull
    public String getExpectEquals() {
        return parameters().getExpectEquals();
    }

    @DataBoundSetter
    public void setExpectEquals(String expectEquals) {
        parameters().setExpectEquals(expectEquals);
    }

    @Override
    protected FieldLabels labels() {
        FieldLabels serving = super.labels();
        return field -> switch (field) {
            case "json" -> Messages.Field_payload();
            case "file" -> Messages.Field_payloadFile();
            case "expect" -> Messages.Field_expect();
            case "expectEquals" -> Messages.Field_expectEquals();
            default -> serving.of(field);
        };
    }

    @Override
    protected void perform(PredictParameters p, SeldonSession session, @CheckForNull FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        session.predict(p, workspace);
    }

    @Extension
    public static final class DescriptorImpl extends ServingBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonPredictBuilder_displayName();
        }

        /** Models too: at the server's inference URL. */
        @POST
        @Override
        public ListBoxModel doFillKindItems(@AncestorInPath Item item) {
            ListBoxModel model = super.doFillKindItems(item);
            model.add(Messages.Kind_MODEL(), ResourceKind.MODEL.name());
            return model;
        }

        @POST
        public FormValidation doCheckExpect(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkJsonPointer(item, value);
        }
    }
}

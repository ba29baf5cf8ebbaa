package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.PredictParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonPredict(namespace: 'models', deployment: 'iris', payload: [...], expect: '/data/ndarray/0')}: sends a
 * JSON payload (a map, {@code json:} text or a workspace {@code file:}) to a SeldonDeployment, a Pipeline or a Model
 * and returns the parsed answer. With {@code expect:} (a JSON Pointer) and optionally {@code expectEquals:}, the step
 * is a gate: it fails, saying what came, when the answer misses the expectation. How each kind is reached is in
 * {@link io.jenkins.plugins.seldon.operations.Predictions}.
 */
public final class PredictStep extends ServingStep<PredictParameters> {

    @DataBoundConstructor
    public PredictStep(String namespace) {
        super(new PredictParameters(), namespace);
    }

    /** The Model (Seldon Core v2), reached at the server's inference URL only. */
    @CheckForNull
    public String getModel() {
        return parameters().getModel();
    }

    @DataBoundSetter
    public void setModel(String model) {
        parameters().setModel(model);
    }

    @CheckForNull
    public Map<String, Object> getPayload() {
        return parameters().getPayload();
    }

    @DataBoundSetter
    public void setPayload(Map<String, Object> payload) {
        parameters().setPayload(payload);
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
    public StepExecution start(StepContext context) throws Exception {
        checkAtStart(parameters(), context);
        return new OperationExecution<PredictParameters, Object>(context, parameters(),
                (p, session, ctx) -> session.predict(p, ctx.get(FilePath.class)));
    }

    @Extension
    public static final class DescriptorImpl extends ServingDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonPredict";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.PredictStep_displayName();
        }

        @POST
        public FormValidation doCheckModel(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalName(item, value, ResourceKind.MODEL);
        }

        @POST
        public FormValidation doCheckExpect(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkJsonPointer(item, value);
        }
    }
}

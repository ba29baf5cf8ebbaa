package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.JsonSource;
import io.jenkins.plugins.seldon.operations.parameters.ServingParameters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A step about what serves models in a namespace: a SeldonDeployment ({@code deployment:}) or a Pipeline
 * ({@code pipeline:}), one of the two.
 */
public abstract class ServingStep<P extends ServingParameters> extends NamespaceStep<P> {

    protected ServingStep(P parameters, String namespace) {
        super(parameters, namespace);
    }

    /** The SeldonDeployment (Seldon Core v1). */
    @CheckForNull
    public String getDeployment() {
        return parameters().getDeployment();
    }

    @DataBoundSetter
    public void setDeployment(String deployment) {
        parameters().setDeployment(deployment);
    }

    /** The Pipeline (Seldon Core v2). */
    @CheckForNull
    public String getPipeline() {
        return parameters().getPipeline();
    }

    @DataBoundSetter
    public void setPipeline(String pipeline) {
        parameters().setPipeline(pipeline);
    }

    /**
     * Checks the parameters when the step starts, so that a mistake is a one-line failure before anything runs, and
     * that a {@code file:} has a workspace to be read from.
     */
    static void checkAtStart(ServingParameters p, StepContext context) throws IOException, InterruptedException {
        try {
            p.validate(FieldLabels.PIPELINE);
        } catch (InvalidInputException e) {
            throw Failures.abort(e);
        }
        if (p instanceof JsonSource json && json.getFile() != null && context.get(FilePath.class) == null) {
            throw new AbortException(Messages.jsonFileNeedsWorkspace());
        }
    }

    /** The descriptors of these steps: each of the two names is checked only when given. */
    public abstract static class ServingDescriptor extends SeldonStepDescriptor {

        /** Where the step acts: the namespace and the deployment or pipeline. */
        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return label(namedArgs, List.of("namespace", "deployment", "pipeline", "model"));
        }

        @POST
        @Override
        public FormValidation doCheckPipeline(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalName(item, value, ResourceKind.PIPELINE);
        }

        @POST
        public FormValidation doCheckDeployment(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalName(item, value, ResourceKind.SELDON_DEPLOYMENT);
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.operations.parameters.DeleteParameters;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonDeleteDeployment(namespace: 'ns', name: 'x')}: deletes a SeldonDeployment; fails when it does not exist
 * unless {@code allowMissing: true}. Returns whether it existed. The audit {@code message:} defaults to the build.
 */
public final class DeleteDeploymentStep extends ResourceStep<DeleteParameters> {

    @DataBoundConstructor
    public DeleteDeploymentStep(String namespace, String name) {
        super(new DeleteParameters(), namespace, name);
    }

    public boolean isAllowMissing() {
        return parameters().isAllowMissing();
    }

    @DataBoundSetter
    public void setAllowMissing(boolean allowMissing) {
        parameters().setAllowMissing(allowMissing);
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
    public StepExecution start(StepContext context) {
        return new OperationExecution<DeleteParameters, Boolean>(context, parameters(),
                (p, session, ctx) -> session.delete(p));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonDeleteDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeleteDeploymentStep_displayName();
        }
    }
}

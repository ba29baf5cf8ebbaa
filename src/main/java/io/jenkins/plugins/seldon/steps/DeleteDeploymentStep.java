package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonDeleteDeployment(namespace: 'ns', name: 'x')}: deletes a SeldonDeployment; fails when it does not exist
 * unless {@code allowMissing: true}. Returns whether it existed. The audit {@code message:} defaults to the build.
 */
public final class DeleteDeploymentStep extends DeploymentStep {

    private boolean allowMissing;
    private String message;

    @DataBoundConstructor
    public DeleteDeploymentStep(String namespace, String name) {
        super(namespace, name);
    }

    public boolean isAllowMissing() {
        return allowMissing;
    }

    @DataBoundSetter
    public void setAllowMissing(boolean allowMissing) {
        this.allowMissing = allowMissing;
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution<Boolean>(this, context, (calls, ctx) -> calls.delete(getNamespace(), getName(), allowMissing, message));
    }

    @Extension
    public static final class DescriptorImpl extends DeploymentStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonDeleteDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Delete a Seldon deployment";
        }

    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonGetDeployment(namespace: 'ns', name: 'x')}: one SeldonDeployment as a plain map; with
 * {@code allowMissing: true} a missing one gives {@code null} instead of failing.
 */
public final class GetDeploymentStep extends DeploymentStep {

    private boolean allowMissing;

    @DataBoundConstructor
    public GetDeploymentStep(String namespace, String name) {
        super(namespace, name);
    }

    public boolean isAllowMissing() {
        return allowMissing;
    }

    @DataBoundSetter
    public void setAllowMissing(boolean allowMissing) {
        this.allowMissing = allowMissing;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution<Map<String, Object>>(this, context, (calls, ctx) -> calls.get(getNamespace(), getName(), allowMissing));
    }

    @Extension
    public static final class DescriptorImpl extends DeploymentStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonGetDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Read a Seldon deployment";
        }

    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.operations.parameters.GetParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonGetDeployment(namespace: 'ns', name: 'x')}: one SeldonDeployment as a plain map; with
 * {@code allowMissing: true} a missing one gives {@code null} instead of failing.
 */
public final class GetDeploymentStep extends ResourceStep<GetParameters> {

    @DataBoundConstructor
    public GetDeploymentStep(String namespace, String name) {
        super(new GetParameters(), namespace, name);
    }

    public boolean isAllowMissing() {
        return parameters().isAllowMissing();
    }

    @DataBoundSetter
    public void setAllowMissing(boolean allowMissing) {
        parameters().setAllowMissing(allowMissing);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new OperationExecution<GetParameters, Map<String, Object>>(context, parameters(),
                (p, session, ctx) -> session.get(p));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonGetDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GetDeploymentStep_displayName();
        }
    }
}

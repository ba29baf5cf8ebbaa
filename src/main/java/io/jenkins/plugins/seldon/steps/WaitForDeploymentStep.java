package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.WaitParameters;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonWaitForDeployment(namespace: 'ns', name: 'x', timeout: 600)}: waits until the deployment is Available
 * and returns it; fails when it stays Failed over consecutive polls or the timeout (seconds) passes. Holds no executor
 * and no CPS thread, and resumes after a controller restart with the same absolute deadline
 * ({@link WaitForDeploymentExecution}).
 */
public final class WaitForDeploymentStep extends ResourceStep<WaitParameters> {

    @DataBoundConstructor
    public WaitForDeploymentStep(String namespace, String name) {
        super(new WaitParameters(), namespace, name);
    }

    /** Seconds. */
    public int getTimeout() {
        return parameters().getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        parameters().setTimeout(timeout);
    }

    /** Seconds between polls. */
    public int getPollInterval() {
        return parameters().getPollInterval();
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        parameters().setPollInterval(pollInterval);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        WaitParameters p = parameters();
        try {
            p.validate(FieldLabels.PIPELINE);
        } catch (IOException e) {
            throw Failures.abort(e);
        }
        Target target = Target.of(p, context);
        return new WaitForDeploymentExecution(context, target.server(), target.credentialsId(), p.getNamespace(),
                p.getName(), p.timeout(), p.pollInterval());
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonWaitForDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WaitForDeploymentStep_displayName();
        }
    }
}

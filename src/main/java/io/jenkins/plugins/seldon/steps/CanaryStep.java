package io.jenkins.plugins.seldon.steps;

import hudson.Extension;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.parameters.CanaryParameters;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonCanary(namespace: 'models', pipeline: 'iris', file: 'iris-v2.yaml', weight: 20) { sh './smoke-test.sh' }}:
 * a canary gated by the block. Starts the canary (applying the candidate's manifest first for a Pipeline), waits until
 * it is ready, runs the block as the gate with what it needs to reach the candidate directly, then promotes the canary
 * when the block passes, or removes it (the main version serving all traffic again) when the block fails, and
 * rethrows. Returns the block's result. See {@link CanaryExecution} for aborts and restarts.
 */
public final class CanaryStep extends RolloutStep.Start<CanaryParameters> {

    @DataBoundConstructor
    public CanaryStep(String namespace, int weight) {
        super(new CanaryParameters(), namespace);
        parameters().setWeight(weight);
    }

    public int getWeight() {
        return parameters().getWeight();
    }

    /** Seconds the candidate may take to become ready. */
    public int getTimeout() {
        return parameters().getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        parameters().setTimeout(timeout);
    }

    /** Seconds between readiness polls. */
    public int getPollInterval() {
        return parameters().getPollInterval();
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        parameters().setPollInterval(pollInterval);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        CanaryParameters p = parameters();
        try {
            p.validate(FieldLabels.PIPELINE);
        } catch (InvalidInputException e) {
            throw Failures.abort(e);
        }
        checkWorkspace(p, context);
        Target target = Target.of(p, context);
        return new CanaryExecution(context, target.server(), target.credentialsId(), p);
    }

    @Extension
    public static final class DescriptorImpl extends RolloutDescriptor {
        public DescriptorImpl() {
            super(Messages.CanaryStep_displayName());
        }

        @Override
        public String getFunctionName() {
            return "seldonCanary";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.WaitParameters;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonWaitForDeployment}, {@code seldonWaitForPipeline}, {@code seldonWaitForModel},
 * {@code seldonWaitForExperiment}: waits until the resource is ready and returns it; fails when it keeps failing over
 * consecutive polls, disappears, or the timeout (seconds) passes. Holds no executor and resumes after a controller
 * restart with the same absolute deadline ({@link WaitExecution}).
 */
public abstract class WaitForStep extends ResourceStep<WaitParameters> {

    protected WaitForStep(ResourceKind kind, String namespace, String name) {
        super(new WaitParameters(), kind, namespace, name);
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
        } catch (InvalidInputException e) {
            throw Failures.abort(e);
        }
        Target target = Target.of(p, context);
        return WaitExecution.forResource(context, target.server(), target.credentialsId(), p.getKind(),
                p.getNamespace(), p.getName(), p.timeout(), p.pollInterval());
    }

    /** The descriptor of one kind's wait step. */
    abstract static class WaitForDescriptor extends SeldonStepDescriptor {
        private final ResourceKind kind;

        WaitForDescriptor(ResourceKind kind) {
            this.kind = kind;
        }

        @Override
        protected ResourceKind kind() {
            return kind;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WaitForStep_displayName(StepNames.label(kind));
        }
    }

    public static final class Deployment extends WaitForStep {
        @DataBoundConstructor
        public Deployment(String namespace, String name) {
            super(ResourceKind.SELDON_DEPLOYMENT, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends WaitForDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.SELDON_DEPLOYMENT);
            }

            @Override
            public String getFunctionName() {
                return "seldonWaitForDeployment";
            }
        }
    }

    public static final class Pipeline extends WaitForStep {
        @DataBoundConstructor
        public Pipeline(String namespace, String name) {
            super(ResourceKind.PIPELINE, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends WaitForDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.PIPELINE);
            }

            @Override
            public String getFunctionName() {
                return "seldonWaitForPipeline";
            }
        }
    }

    public static final class Model extends WaitForStep {
        @DataBoundConstructor
        public Model(String namespace, String name) {
            super(ResourceKind.MODEL, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends WaitForDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.MODEL);
            }

            @Override
            public String getFunctionName() {
                return "seldonWaitForModel";
            }
        }
    }

    /** The experiment of a pipeline, addressed by the pipeline's name. */
    public static final class Experiment extends WaitForStep {
        @DataBoundConstructor
        public Experiment(String namespace, String pipeline) {
            super(ResourceKind.EXPERIMENT, namespace, pipeline);
        }

        public String getPipeline() {
            return getName();
        }

        @Extension
        public static final class DescriptorImpl extends WaitForDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.EXPERIMENT);
            }

            @Override
            public String getFunctionName() {
                return "seldonWaitForExperiment";
            }
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.GetParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonGetDeployment}, {@code seldonGetPipeline}, {@code seldonGetModel}, {@code seldonGetExperiment}: one
 * resource as a plain map; with {@code allowMissing: true} a missing one gives {@code null} instead of failing.
 */
public abstract class GetStep extends ResourceStep<GetParameters> {

    protected GetStep(ResourceKind kind, String namespace, String name) {
        super(new GetParameters(), kind, namespace, name);
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

    /** The descriptor of one kind's get step. */
    abstract static class GetDescriptor extends SeldonStepDescriptor {
        private final ResourceKind kind;

        GetDescriptor(ResourceKind kind) {
            this.kind = kind;
        }

        @Override
        protected ResourceKind kind() {
            return kind;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GetStep_displayName(StepNames.label(kind));
        }
    }

    public static final class Deployment extends GetStep {
        @DataBoundConstructor
        public Deployment(String namespace, String name) {
            super(ResourceKind.SELDON_DEPLOYMENT, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends GetDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.SELDON_DEPLOYMENT);
            }

            @Override
            public String getFunctionName() {
                return "seldonGetDeployment";
            }
        }
    }

    public static final class Pipeline extends GetStep {
        @DataBoundConstructor
        public Pipeline(String namespace, String name) {
            super(ResourceKind.PIPELINE, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends GetDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.PIPELINE);
            }

            @Override
            public String getFunctionName() {
                return "seldonGetPipeline";
            }
        }
    }

    public static final class Model extends GetStep {
        @DataBoundConstructor
        public Model(String namespace, String name) {
            super(ResourceKind.MODEL, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends GetDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.MODEL);
            }

            @Override
            public String getFunctionName() {
                return "seldonGetModel";
            }
        }
    }

    /** The experiment of a pipeline, addressed by the pipeline's name. */
    public static final class Experiment extends GetStep {
        @DataBoundConstructor
        public Experiment(String namespace, String pipeline) {
            super(ResourceKind.EXPERIMENT, namespace, pipeline);
        }

        public String getPipeline() {
            return getName();
        }

        @Extension
        public static final class DescriptorImpl extends GetDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.EXPERIMENT);
            }

            @Override
            public String getFunctionName() {
                return "seldonGetExperiment";
            }
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.DeleteParameters;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonDeleteDeployment}, {@code seldonDeletePipeline}, {@code seldonDeleteModel},
 * {@code seldonDeleteExperiment}: deletes a resource; fails when it does not exist unless {@code allowMissing: true}.
 * Returns whether it existed. The audit {@code message:} defaults to the build (the API takes none for experiments).
 */
public abstract class DeleteStep extends ResourceStep<DeleteParameters> {

    protected DeleteStep(ResourceKind kind, String namespace, String name) {
        super(new DeleteParameters(), kind, namespace, name);
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

    /** The descriptor of one kind's delete step. */
    abstract static class DeleteDescriptor extends SeldonStepDescriptor {
        private final ResourceKind kind;

        DeleteDescriptor(ResourceKind kind) {
            this.kind = kind;
        }

        @Override
        protected ResourceKind kind() {
            return kind;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeleteStep_displayName(StepNames.label(kind));
        }
    }

    public static final class Deployment extends DeleteStep {
        @DataBoundConstructor
        public Deployment(String namespace, String name) {
            super(ResourceKind.SELDON_DEPLOYMENT, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends DeleteDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.SELDON_DEPLOYMENT);
            }

            @Override
            public String getFunctionName() {
                return "seldonDeleteDeployment";
            }
        }
    }

    public static final class Pipeline extends DeleteStep {
        @DataBoundConstructor
        public Pipeline(String namespace, String name) {
            super(ResourceKind.PIPELINE, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends DeleteDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.PIPELINE);
            }

            @Override
            public String getFunctionName() {
                return "seldonDeletePipeline";
            }
        }
    }

    public static final class Model extends DeleteStep {
        @DataBoundConstructor
        public Model(String namespace, String name) {
            super(ResourceKind.MODEL, namespace, name);
        }

        @Extension
        public static final class DescriptorImpl extends DeleteDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.MODEL);
            }

            @Override
            public String getFunctionName() {
                return "seldonDeleteModel";
            }
        }
    }

    /** The experiment of a pipeline, addressed by the pipeline's name. */
    public static final class Experiment extends DeleteStep {
        @DataBoundConstructor
        public Experiment(String namespace, String pipeline) {
            super(ResourceKind.EXPERIMENT, namespace, pipeline);
        }

        public String getPipeline() {
            return getName();
        }

        @Extension
        public static final class DescriptorImpl extends DeleteDescriptor {
            public DescriptorImpl() {
                super(ResourceKind.EXPERIMENT);
            }

            @Override
            public String getFunctionName() {
                return "seldonDeleteExperiment";
            }
        }
    }
}

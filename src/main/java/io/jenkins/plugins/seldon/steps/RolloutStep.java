package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.CandidateParameters;
import io.jenkins.plugins.seldon.operations.parameters.CanaryParameters;
import io.jenkins.plugins.seldon.operations.parameters.RolloutAction;
import io.jenkins.plugins.seldon.operations.parameters.RolloutParameters;
import io.jenkins.plugins.seldon.operations.parameters.WeightParameters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The canary and shadow steps, one per verb, the same for a main Pipeline ({@code pipeline:}, Seldon Core v2) and a
 * SeldonDeployment ({@code deployment:}, Seldon Core v1): {@code seldonStartCanary}, {@code seldonSetCanaryWeight},
 * {@code seldonPromoteCanary}, {@code seldonRemoveCanary}, {@code seldonStartShadow}, {@code seldonPromoteShadow},
 * {@code seldonRemoveShadow} and {@code seldonGetTrafficSplit}. Each change is returned as a map, logged with how the
 * traffic is split afterwards, and recorded on the build page. For a canary gated by a test, see {@link CanaryStep}.
 */
public abstract class RolloutStep<P extends RolloutParameters> extends NamespaceStep<P> {

    protected RolloutStep(P parameters, String namespace) {
        super(parameters, namespace);
    }

    /** The main pipeline (Seldon Core v2). */
    @CheckForNull
    public String getPipeline() {
        return parameters().getPipeline();
    }

    @DataBoundSetter
    public void setPipeline(String pipeline) {
        parameters().setPipeline(pipeline);
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

    /** Runs the change off the CPS thread. */
    final StepExecution execute(StepContext context, OperationExecution.Operation<P, Map<String, Object>> operation) {
        return new OperationExecution<>(context, parameters(), operation);
    }

    /** A step that changes the split, with an audit message. */
    public abstract static class Write<P extends RolloutParameters> extends RolloutStep<P> {

        protected Write(P parameters, String namespace) {
            super(parameters, namespace);
        }

        @CheckForNull
        public String getMessage() {
            return parameters().getMessage();
        }

        @DataBoundSetter
        public void setMessage(String message) {
            parameters().setMessage(message);
        }
    }

    /** A step that starts a canary or shadow of a candidate, given by name or manifest. */
    public abstract static class Start<P extends CandidateParameters> extends Write<P> {

        protected Start(P parameters, String namespace) {
            super(parameters, namespace);
        }

        /** The candidate pipeline, or the candidate predictor's name; empty to take it from the manifest. */
        @CheckForNull
        public String getCandidate() {
            return parameters().getCandidate();
        }

        @DataBoundSetter
        public void setCandidate(String candidate) {
            parameters().setCandidate(candidate);
        }

        @CheckForNull
        public String getFile() {
            return parameters().getFile();
        }

        @DataBoundSetter
        public void setFile(String file) {
            parameters().setFile(file);
        }

        @CheckForNull
        public String getManifest() {
            return parameters().getManifest();
        }

        @DataBoundSetter
        public void setManifest(String manifest) {
            parameters().setManifest(manifest);
        }

        @CheckForNull
        public Map<String, Object> getResource() {
            return parameters().getResource();
        }

        @DataBoundSetter
        public void setResource(Map<String, Object> resource) {
            parameters().setResource(resource);
        }

        /** Refuses a manifest file outside {@code node}, before anything is sent. */
        static void checkWorkspace(CandidateParameters p, StepContext context) throws IOException,
                InterruptedException {
            if (p.getFile() != null && context.get(FilePath.class) == null) {
                throw new AbortException(Messages.fileNeedsWorkspace());
            }
        }
    }

    /** A step that promotes or removes what runs, the same for canaries and shadows. */
    public abstract static class Action extends Write<RolloutParameters> {

        private final RolloutAction action;

        protected Action(String namespace, RolloutAction action) {
            super(new RolloutParameters(), namespace);
            this.action = action;
        }

        @Override
        public StepExecution start(StepContext context) {
            return execute(context, (p, session, ctx) -> session.rollout(p, action));
        }
    }

    /** A removal, which may succeed when there is nothing to remove. */
    public abstract static class Removal extends Action {

        protected Removal(String namespace, RolloutAction action) {
            super(namespace, action);
        }

        public boolean isAllowMissing() {
            return parameters().isAllowMissing();
        }

        @DataBoundSetter
        public void setAllowMissing(boolean allowMissing) {
            parameters().setAllowMissing(allowMissing);
        }
    }

    /** The descriptors of the canary and shadow steps. */
    public abstract static class RolloutDescriptor extends SeldonStepDescriptor {

        private final String displayName;

        RolloutDescriptor(String displayName) {
            this.displayName = displayName;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return displayName;
        }

        /** Where the step acts: the namespace and the pipeline or deployment. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return label(namedArgs, List.of("namespace", "pipeline", "deployment"));
        }

        /** One of the two is given, so each is checked only when given. */
        @POST
        @Override
        public FormValidation doCheckPipeline(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalName(item, value, ResourceKind.PIPELINE);
        }

        @POST
        public FormValidation doCheckDeployment(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalName(item, value, ResourceKind.SELDON_DEPLOYMENT);
        }

        @POST
        public FormValidation doCheckWeight(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkWeight(item, value);
        }
    }

    /** {@code seldonStartCanary}: the candidate gets {@code weight} percent of the traffic. */
    public static final class StartCanary extends Start<CanaryParameters> {

        @DataBoundConstructor
        public StartCanary(String namespace, int weight) {
            super(new CanaryParameters(), namespace);
            parameters().setWeight(weight);
        }

        public int getWeight() {
            return parameters().getWeight();
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            checkWorkspace(parameters(), context);
            return execute(context, (p, session, ctx) -> session.startCanary(p, ctx.get(FilePath.class)));
        }

        @Extension
        public static final class DescriptorImpl extends RolloutDescriptor {
            public DescriptorImpl() {
                super(Messages.RolloutStep_StartCanary_displayName());
            }

            @Override
            public String getFunctionName() {
                return "seldonStartCanary";
            }
        }
    }

    /** {@code seldonSetCanaryWeight}: the running canary gets another share of the traffic. */
    public static final class SetCanaryWeight extends Write<WeightParameters> {

        @DataBoundConstructor
        public SetCanaryWeight(String namespace, int weight) {
            super(new WeightParameters(), namespace);
            parameters().setWeight(weight);
        }

        public int getWeight() {
            return parameters().getWeight();
        }

        @Override
        public StepExecution start(StepContext context) {
            return execute(context, (p, session, ctx) -> session.setCanaryWeight(p));
        }

        @Extension
        public static final class DescriptorImpl extends RolloutDescriptor {
            public DescriptorImpl() {
                super(Messages.RolloutStep_SetCanaryWeight_displayName());
            }

            @Override
            public String getFunctionName() {
                return "seldonSetCanaryWeight";
            }
        }
    }

    /** {@code seldonPromoteCanary}: the canary replaces the main version. */
    public static final class PromoteCanary extends Action {

        @DataBoundConstructor
        public PromoteCanary(String namespace) {
            super(namespace, RolloutAction.PROMOTE_CANARY);
        }

        @Extension
        public static final class DescriptorImpl extends RolloutDescriptor {
            public DescriptorImpl() {
                super(Messages.RolloutStep_PromoteCanary_displayName());
            }

            @Override
            public String getFunctionName() {
                return "seldonPromoteCanary";
            }
        }
    }

    /** {@code seldonRemoveCanary}: the main version serves all traffic again. */
    public static final class RemoveCanary extends Removal {

        @DataBoundConstructor
        public RemoveCanary(String namespace) {
            super(namespace, RolloutAction.REMOVE_CANARY);
        }

        @Extension
        public static final class DescriptorImpl extends RolloutDescriptor {
            public DescriptorImpl() {
                super(Messages.RolloutStep_RemoveCanary_displayName());
            }

            @Override
            public String getFunctionName() {
                return "seldonRemoveCanary";
            }
        }
    }

    /** {@code seldonStartShadow}: the candidate gets a copy of the traffic; its answers are dropped. */
    public static final class StartShadow extends Start<CandidateParameters> {

        @DataBoundConstructor
        public StartShadow(String namespace) {
            super(new CandidateParameters(), namespace);
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            checkWorkspace(parameters(), context);
            return execute(context, (p, session, ctx) -> session.startShadow(p, ctx.get(FilePath.class)));
        }

        @Extension
        public static final class DescriptorImpl extends RolloutDescriptor {
            public DescriptorImpl() {
                super(Messages.RolloutStep_StartShadow_displayName());
            }

            @Override
            public String getFunctionName() {
                return "seldonStartShadow";
            }
        }
    }

    /** {@code seldonPromoteShadow}: the shadow replaces the main version. */
    public static final class PromoteShadow extends Action {

        @DataBoundConstructor
        public PromoteShadow(String namespace) {
            super(namespace, RolloutAction.PROMOTE_SHADOW);
        }

        @Extension
        public static final class DescriptorImpl extends RolloutDescriptor {
            public DescriptorImpl() {
                super(Messages.RolloutStep_PromoteShadow_displayName());
            }

            @Override
            public String getFunctionName() {
                return "seldonPromoteShadow";
            }
        }
    }

    /** {@code seldonRemoveShadow}: the traffic is no longer copied to the shadow. */
    public static final class RemoveShadow extends Removal {

        @DataBoundConstructor
        public RemoveShadow(String namespace) {
            super(namespace, RolloutAction.REMOVE_SHADOW);
        }

        @Extension
        public static final class DescriptorImpl extends RolloutDescriptor {
            public DescriptorImpl() {
                super(Messages.RolloutStep_RemoveShadow_displayName());
            }

            @Override
            public String getFunctionName() {
                return "seldonRemoveShadow";
            }
        }
    }

    /** {@code seldonGetTrafficSplit}: how the traffic is split now, changing nothing. */
    public static final class GetTrafficSplit extends RolloutStep<RolloutParameters> {

        @DataBoundConstructor
        public GetTrafficSplit(String namespace) {
            super(new RolloutParameters(), namespace);
        }

        @Override
        public StepExecution start(StepContext context) {
            return execute(context, (p, session, ctx) -> session.traffic(p));
        }

        @Extension
        public static final class DescriptorImpl extends RolloutDescriptor {
            public DescriptorImpl() {
                super(Messages.RolloutStep_GetTrafficSplit_displayName());
            }

            @Override
            public String getFunctionName() {
                return "seldonGetTrafficSplit";
            }
        }
    }
}

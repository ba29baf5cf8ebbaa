package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.RollbackAction;
import io.jenkins.plugins.seldon.operations.parameters.RollbackParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Rolls a SeldonDeployment in a GitOps namespace back, with a new commit carrying the build's audit message:
 * {@code seldonRevertDeployment} undoes the commit {@code hash:}, {@code seldonRestoreDeployment} brings back the
 * deployment as that commit left it. Returns the change as a map and records it on the build page; a following
 * {@code seldonWaitForDeployment} treats it as an update. Needs Seldon Enterprise Platform 2.1 or newer.
 */
public abstract class RollbackStep extends ResourceStep<RollbackParameters> {

    private final RollbackAction action;

    protected RollbackStep(String namespace, String name, String hash, RollbackAction action) {
        super(new RollbackParameters(), ResourceKind.SELDON_DEPLOYMENT, namespace, name);
        parameters().setHash(hash);
        this.action = action;
    }

    public String getHash() {
        return parameters().getHash();
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
        return new OperationExecution<RollbackParameters, Map<String, Object>>(context, parameters(),
                (p, session, ctx) -> session.rollback(p, action));
    }

    /** {@code seldonRevertDeployment}. */
    public static final class Revert extends RollbackStep {
        @DataBoundConstructor
        public Revert(String namespace, String name, String hash) {
            super(namespace, name, hash, RollbackAction.REVERT);
        }

        @Extension
        public static final class DescriptorImpl extends SeldonStepDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonRevertDeployment";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.RollbackStep_Revert_displayName();
            }
        }
    }

    /** {@code seldonRestoreDeployment}. */
    public static final class Restore extends RollbackStep {
        @DataBoundConstructor
        public Restore(String namespace, String name, String hash) {
            super(namespace, name, hash, RollbackAction.RESTORE);
        }

        @Extension
        public static final class DescriptorImpl extends SeldonStepDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonRestoreDeployment";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.RollbackStep_Restore_displayName();
            }
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.operations.parameters.GitOpsStatusParameters;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code seldonGetGitOpsStatus(namespace: 'models')}: the namespace's GitOps status, as the API reports it. */
public final class GitOpsStatusStep extends NamespaceStep<GitOpsStatusParameters> {

    @DataBoundConstructor
    public GitOpsStatusStep(String namespace) {
        super(new GitOpsStatusParameters(), namespace);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new OperationExecution<GitOpsStatusParameters, Object>(context, parameters(),
                (p, session, ctx) -> session.gitOpsStatus(p));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonGetGitOpsStatus";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GitOpsStatusStep_displayName();
        }
    }
}

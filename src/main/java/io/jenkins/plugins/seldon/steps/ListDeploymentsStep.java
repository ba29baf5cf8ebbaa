package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.operations.parameters.ListParameters;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code seldonListDeployments(namespace: 'ns')}: the SeldonDeployments of a namespace as a list of plain maps. */
public final class ListDeploymentsStep extends NamespaceStep<ListParameters> {

    @DataBoundConstructor
    public ListDeploymentsStep(String namespace) {
        super(new ListParameters(), namespace);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new OperationExecution<ListParameters, List<Object>>(context, parameters(),
                (p, session, ctx) -> session.listPlain(p));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonListDeployments";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ListDeploymentsStep_displayName();
        }
    }
}

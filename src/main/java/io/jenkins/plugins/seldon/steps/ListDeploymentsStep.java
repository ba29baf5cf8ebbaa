package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code seldonListDeployments(namespace: 'ns')}: the SeldonDeployments of a namespace as a list of plain maps. */
public final class ListDeploymentsStep extends SeldonStep {

    private final String namespace;

    @DataBoundConstructor
    public ListDeploymentsStep(String namespace) {
        this.namespace = namespace;
    }

    public String getNamespace() {
        return namespace;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution<List<Object>>(this, context, (calls, ctx) -> calls.list(namespace));
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
            return "List Seldon deployments";
        }
    }
}

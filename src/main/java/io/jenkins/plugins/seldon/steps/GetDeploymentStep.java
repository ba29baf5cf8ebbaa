package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonGetDeployment(namespace: 'ns', name: 'x')}: one SeldonDeployment as a plain map; with
 * {@code allowMissing: true} a missing one gives {@code null} instead of failing.
 */
public final class GetDeploymentStep extends SeldonStep {

    private final String namespace;
    private final String name;
    private boolean allowMissing;

    @DataBoundConstructor
    public GetDeploymentStep(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    public boolean isAllowMissing() {
        return allowMissing;
    }

    @DataBoundSetter
    public void setAllowMissing(boolean allowMissing) {
        this.allowMissing = allowMissing;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution<Map<String, Object>>(this, context, (calls, ctx) -> calls.get(namespace, name, allowMissing));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonGetDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Read a Seldon deployment";
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkName(item, value, false);
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonDeleteDeployment(namespace: 'ns', name: 'x')}: deletes a SeldonDeployment; fails when it does not exist
 * unless {@code allowMissing: true}. Returns whether it existed. The audit {@code message:} defaults to the build.
 */
public final class DeleteDeploymentStep extends SeldonStep {

    private final String namespace;
    private final String name;
    private boolean allowMissing;
    private String message;

    @DataBoundConstructor
    public DeleteDeploymentStep(String namespace, String name) {
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

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution<Boolean>(this, context, (calls, ctx) -> calls.delete(namespace, name, allowMissing, message));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonDeleteDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Delete a Seldon deployment";
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkName(item, value, false);
        }
    }
}

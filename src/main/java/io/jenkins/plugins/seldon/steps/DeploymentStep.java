package io.jenkins.plugins.seldon.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A step about one SeldonDeployment: {@code namespace:} and {@code name:}, checked when the step starts. */
public abstract class DeploymentStep extends SeldonStep {

    private final String namespace;
    private final String name;

    protected DeploymentStep(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    /** Adds the check of the deployment name to the shared step form methods. */
    public abstract static class DeploymentStepDescriptor extends SeldonStepDescriptor {
        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkName(item, value, false);
        }
    }
}

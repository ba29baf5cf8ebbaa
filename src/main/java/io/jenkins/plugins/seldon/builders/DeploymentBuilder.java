package io.jenkins.plugins.seldon.builders;

import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.steps.SeldonStepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A build step about one SeldonDeployment: namespace and name, which may use build variables. */
public abstract class DeploymentBuilder extends SeldonBuilder {

    private final String namespace;
    private final String name;

    protected DeploymentBuilder(String namespace, String name) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    /** Adds the check of the deployment name to the shared build step form methods. */
    public abstract static class DeploymentBuilderDescriptor extends SeldonBuilderDescriptor {
        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return SeldonStepDescriptor.Forms.checkName(item, value, false);
        }
    }
}

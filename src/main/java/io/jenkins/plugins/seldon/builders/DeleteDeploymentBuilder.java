package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.steps.SeldonCalls;
import io.jenkins.plugins.seldon.steps.SeldonStepDescriptor;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Deletes a SeldonDeployment. */
public final class DeleteDeploymentBuilder extends SeldonBuilder {

    private final String namespace;
    private final String name;
    private boolean allowMissing;
    private String message;

    @DataBoundConstructor
    public DeleteDeploymentBuilder(String namespace, String name) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
        this.name = Util.fixEmptyAndTrim(name);
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

    /** Only talks to the API, so in Pipeline it also runs outside {@code node}. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    protected void perform(SeldonCalls calls, FilePath workspace, EnvVars env) throws IOException, InterruptedException {
        calls.delete(env.expand(namespace), env.expand(name), allowMissing, env.expand(message));
    }

    @Extension
    @Symbol("seldonDelete")
    public static final class DescriptorImpl extends SeldonBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Seldon: delete a deployment";
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return SeldonStepDescriptor.Forms.checkName(item, value, false);
        }
    }
}

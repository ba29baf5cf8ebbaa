package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import io.jenkins.plugins.seldon.steps.SeldonCalls;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Deletes a SeldonDeployment. */
public final class DeleteDeploymentBuilder extends DeploymentBuilder {

    private boolean allowMissing;
    private String message;

    @DataBoundConstructor
    public DeleteDeploymentBuilder(String namespace, String name) {
        super(namespace, name);
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
        calls.delete(env.expand(getNamespace()), env.expand(getName()), allowMissing, env.expand(message));
    }

    @Extension
    @Symbol("seldonDelete")
    public static final class DescriptorImpl extends DeploymentBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Seldon: delete a deployment";
        }

    }
}

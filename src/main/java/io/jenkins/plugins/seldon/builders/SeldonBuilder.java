package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.steps.SeldonCalls;
import io.jenkins.plugins.seldon.steps.SeldonStepDescriptor;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle build steps: the same server choice, credentials rule and operation classes as the Pipeline steps; text
 * fields may use build variables ({@code ${NAMESPACE}}).
 */
public abstract class SeldonBuilder extends Builder implements SimpleBuildStep {

    private String server;
    private String credentialsId;

    @CheckForNull
    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(String server) {
        this.server = Util.fixEmptyAndTrim(server);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        run(run, workspace, env, listener);
    }

    /** Used for the steps that {@linkplain #requiresWorkspace() need no workspace} when there is none. */
    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        run(run, null, env, listener);
    }

    private void run(Run<?, ?> run, @CheckForNull FilePath workspace, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        try {
            perform(SeldonCalls.connect(env.expand(server), env.expand(credentialsId), run, listener), workspace, env);
        } catch (IOException e) {
            throw SeldonCalls.abort(e);
        }
    }

    /**
     * The operation itself; HTTP runs here on the controller, files are read through {@code workspace}, which is null
     * only for steps that do not {@linkplain #requiresWorkspace() require} one.
     */
    protected abstract void perform(SeldonCalls calls, @CheckForNull FilePath workspace, EnvVars env)
            throws IOException, InterruptedException;

    /** Form methods shared by the builders. */
    public abstract static class SeldonBuilderDescriptor extends BuildStepDescriptor<Builder> {

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @POST
        public ListBoxModel doFillServerItems(@AncestorInPath Item item) {
            return SeldonStepDescriptor.Forms.serverItems(item);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                @QueryParameter String server) {
            return SeldonStepDescriptor.Forms.credentialItems(item, credentialsId, server);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String server) {
            return SeldonStepDescriptor.Forms.checkCredentials(item, value, server);
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return SeldonStepDescriptor.Forms.checkName(item, value, true);
        }
    }
}

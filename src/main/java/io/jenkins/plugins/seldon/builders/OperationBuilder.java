package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.OperationParameters;
import java.io.IOException;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A freestyle build step of one operation. It holds the operation's parameters, the same object the operation's
 * Pipeline step holds; its data-bound properties only delegate. Text fields may use build variables
 * ({@code ${NAMESPACE}}), expanded in a copy at build time; the credentials id is passed as given, so that the
 * Credentials plugin resolves credentials parameters with its own checks.
 */
public abstract class OperationBuilder<P extends OperationParameters> extends Builder implements SimpleBuildStep {

    /** Field names in the words of the forms, for messages. */
    static final FieldLabels LABELS = field -> switch (field) {
        case "namespace" -> Messages.Field_namespace();
        case "name" -> Messages.Field_name();
        case "file" -> Messages.Field_file();
        case "manifest" -> Messages.Field_manifest();
        case "pipeline" -> Messages.Field_pipeline();
        case "dryRun" -> Messages.Field_dryRun();
        case "wait" -> Messages.Field_wait();
        case "timeout" -> Messages.Field_timeout();
        case "pollInterval" -> Messages.Field_pollInterval();
        case "target" -> Messages.Field_target();
        case "fromNamespace" -> Messages.Field_fromNamespace();
        case "targetName" -> Messages.Field_targetName();
        case "fields" -> Messages.Field_fields();
        case "namesOnly" -> Messages.Field_namesOnly();
        case "labelSelector" -> Messages.Field_labelSelector();
        // No form has it; named all the same should a hand-edited job configuration hold one.
        case "pipelineRenames" -> Messages.Field_pipelineRenames();
        default -> null;
    };

    private final P parameters;

    protected OperationBuilder(P parameters) {
        this.parameters = parameters;
    }

    protected final P parameters() {
        return parameters;
    }

    @CheckForNull
    public String getServer() {
        return parameters.getServer();
    }

    @DataBoundSetter
    public void setServer(String server) {
        parameters.setServer(server);
    }

    @CheckForNull
    public String getCredentialsId() {
        return parameters.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        parameters.setCredentialsId(credentialsId);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        run(run, workspace, env, listener);
    }

    /** For the build steps that {@linkplain #requiresWorkspace() need no workspace}, when there is none. */
    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        run(run, null, env, listener);
    }

    private void run(Run<?, ?> run, @CheckForNull FilePath workspace, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        P p = parameters.expanded(env::expand);
        try {
            p.validate(labels());
            perform(p, SeldonSession.open(p.getServer(), p.getCredentialsId(), run, listener), workspace, env);
        } catch (IOException | IllegalArgumentException e) {
            throw (IOException) Failures.forBuild(e);
        }
    }

    /** How this build step's messages name its fields: {@link #LABELS}, unless its form words a field otherwise. */
    protected FieldLabels labels() {
        return LABELS;
    }

    /**
     * The operation itself, with the checked, expanded parameters; HTTP runs here on the controller, files are read
     * through {@code workspace}, which is null only for build steps that do not {@linkplain #requiresWorkspace()
     * require} one.
     */
    protected abstract void perform(P parameters, SeldonSession session, @CheckForNull FilePath workspace, EnvVars env)
            throws IOException, InterruptedException;

    /** The form methods of the Seldon build steps; the logic is shared with the Pipeline steps' forms. */
    public abstract static class OperationBuilderDescriptor extends BuildStepDescriptor<Builder> {

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @POST
        public ListBoxModel doFillServerItems(@AncestorInPath Item item, @QueryParameter String server) {
            return OperationForms.serverItems(item, server);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                @QueryParameter String server) {
            return OperationForms.credentialItems(item, credentialsId, server);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String server) {
            return OperationForms.checkCredentials(item, value, server);
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkNamespace(item, value);
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String kind) {
            return OperationForms.checkName(item, value, OperationForms.kind(kind));
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkSeconds(item, value);
        }

        @POST
        public FormValidation doCheckPollInterval(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkSeconds(item, value);
        }

        @POST
        public FormValidation doCheckPipeline(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkName(item, value, ResourceKind.PIPELINE);
        }

        /** Every kind; a build step that handles fewer overrides this. */
        @POST
        public ListBoxModel doFillKindItems(@AncestorInPath Item item) {
            checkReadable(item);
            ListBoxModel model = new ListBoxModel();
            for (ResourceKind k : ResourceKind.values()) {
                model.add(label(k), k.name());
            }
            return model;
        }

        /** The kinds are no secret, but the forms answer only those who may see the job's configuration. */
        protected static void checkReadable(@CheckForNull Item item) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            } else {
                item.checkPermission(Item.EXTENDED_READ);
            }
        }

        private static String label(ResourceKind kind) {
            return switch (kind) {
                case SELDON_DEPLOYMENT -> Messages.Kind_SELDON_DEPLOYMENT();
                case PIPELINE -> Messages.Kind_PIPELINE();
                case MODEL -> Messages.Kind_MODEL();
                case EXPERIMENT -> Messages.Kind_EXPERIMENT();
            };
        }
    }
}

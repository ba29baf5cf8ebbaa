package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.PromoteParameters;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Promotes a resource of any kind from one server and namespace to another: the freestyle form of
 * {@code seldonPromote}, without its Pipeline-only {@code pipelineRenames}. The inherited server and credential are the
 * target's; the source has its own, defaulting to the target's.
 */
public final class SeldonPromoteBuilder extends OperationBuilder<PromoteParameters> {

    @DataBoundConstructor
    public SeldonPromoteBuilder(String name, String fromNamespace) {
        super(new PromoteParameters());
        parameters().setName(name);
        parameters().setFromNamespace(fromNamespace);
    }

    /** SeldonDeployment (the default), Pipeline, Model or Experiment. */
    public ResourceKind getKind() {
        return parameters().getKind();
    }

    @DataBoundSetter
    public void setKind(ResourceKind kind) {
        parameters().setKind(kind);
    }

    /** The source resource; for an Experiment, its main pipeline. */
    public String getName() {
        return parameters().getName();
    }

    public String getFromNamespace() {
        return parameters().getFromNamespace();
    }

    /** The source server; null for the target's. */
    @CheckForNull
    public String getFromServer() {
        return parameters().getFromServer();
    }

    @DataBoundSetter
    public void setFromServer(String fromServer) {
        parameters().setFromServer(fromServer);
    }

    @CheckForNull
    public String getFromCredentialsId() {
        return parameters().getFromCredentialsId();
    }

    @DataBoundSetter
    public void setFromCredentialsId(String fromCredentialsId) {
        parameters().setFromCredentialsId(fromCredentialsId);
    }

    /** The target namespace; null for the source's. */
    @CheckForNull
    public String getNamespace() {
        return parameters().getNamespace();
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        parameters().setNamespace(namespace);
    }

    /** The name on the target; null for the source's. */
    @CheckForNull
    public String getTargetName() {
        return parameters().getTargetName();
    }

    @DataBoundSetter
    public void setTargetName(String targetName) {
        parameters().setTargetName(targetName);
    }

    public boolean isDryRun() {
        return parameters().isDryRun();
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        parameters().setDryRun(dryRun);
    }

    @CheckForNull
    public String getMessage() {
        return parameters().getMessage();
    }

    @DataBoundSetter
    public void setMessage(String message) {
        parameters().setMessage(message);
    }

    /** Only talks to the API, so it needs no workspace. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    protected void perform(PromoteParameters p, SeldonSession session, FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        session.promote(p, session.openSource(p));
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonPromoteBuilder_displayName();
        }

        /** Empty means the target's server here, not the default one. */
        @POST
        public ListBoxModel doFillFromServerItems(@AncestorInPath Item item, @QueryParameter String fromServer) {
            return OperationForms.sourceServerItems(item, fromServer);
        }

        @POST
        public ListBoxModel doFillFromCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String fromCredentialsId, @QueryParameter String fromServer) {
            return OperationForms.credentialItems(item, fromCredentialsId, fromServer);
        }

        @POST
        public FormValidation doCheckFromCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String fromServer) {
            return OperationForms.checkCredentials(item, value, fromServer);
        }

        @POST
        public FormValidation doCheckFromNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkNamespace(item, value);
        }

        /** The target namespace is optional. */
        @POST
        @Override
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalNamespace(item, value);
        }

        /** Optional; checked by the naming rules of the chosen kind. */
        @POST
        public FormValidation doCheckTargetName(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String kind) {
            return OperationForms.checkOptionalName(item, value, OperationForms.kind(kind));
        }
    }
}

package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.RollbackAction;
import io.jenkins.plugins.seldon.operations.parameters.RollbackParameters;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * Rolls a SeldonDeployment in a GitOps namespace back, by reverting one commit or restoring its state at a commit,
 * with the build's audit message: the freestyle form of {@code seldonRevertDeployment} and
 * {@code seldonRestoreDeployment}, the action chosen in the form.
 */
public final class SeldonGitRollbackBuilder extends NamespaceBuilder<RollbackParameters> {

    @DataBoundConstructor
    public SeldonGitRollbackBuilder(String namespace, String name, String hash, RollbackAction action) {
        super(new RollbackParameters(), namespace);
        parameters().setKind(ResourceKind.SELDON_DEPLOYMENT);
        parameters().setName(name);
        parameters().setHash(hash);
        parameters().setAction(action);
    }

    public String getName() {
        return parameters().getName();
    }

    public String getHash() {
        return parameters().getHash();
    }

    public RollbackAction getAction() {
        return parameters().getAction();
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
    protected FieldLabels labels() {
        return field -> field.equals("hash") ? Messages.Field_hash() : LABELS.of(field);
    }

    @Override
    protected void perform(RollbackParameters p, SeldonSession session, @CheckForNull FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        if (p.getAction() == null) {
            // E.g. a Job DSL script without action(...): never roll back by default.
            throw new AbortException(Messages.SeldonGitRollbackBuilder_noAction());
        }
        session.rollback(p, p.getAction());
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonGitRollbackBuilder_displayName();
        }

        @POST
        public ListBoxModel doFillActionItems(@AncestorInPath Item item) {
            checkReadable(item);
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.Rollback_REVERT(), RollbackAction.REVERT.name());
            model.add(Messages.Rollback_RESTORE(), RollbackAction.RESTORE.name());
            return model;
        }
    }
}

package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.RolloutAction;
import io.jenkins.plugins.seldon.operations.parameters.RolloutParameters;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Promotes or removes the running canary or shadow of a main Pipeline or a SeldonDeployment: the freestyle form of
 * {@code seldonPromoteCanary}, {@code seldonRemoveCanary}, {@code seldonPromoteShadow} and {@code seldonRemoveShadow},
 * the action chosen in the form.
 */
public final class SeldonRolloutBuilder extends NamespaceBuilder<RolloutParameters> {

    @DataBoundConstructor
    public SeldonRolloutBuilder(String namespace, String target, RolloutAction action) {
        super(new RolloutParameters(), namespace);
        parameters().setTarget(target);
        parameters().setAction(action);
    }

    /** Pipeline (the default) or SeldonDeployment. */
    public ResourceKind getKind() {
        return parameters().getKind();
    }

    @DataBoundSetter
    public void setKind(ResourceKind kind) {
        parameters().setKind(kind);
    }

    /** The main pipeline, or the SeldonDeployment, whose traffic is split. */
    public String getTarget() {
        return parameters().getTarget();
    }

    public RolloutAction getAction() {
        return parameters().getAction();
    }

    /** For a removal: no canary or shadow is no failure. */
    public boolean isAllowMissing() {
        return parameters().isAllowMissing();
    }

    @DataBoundSetter
    public void setAllowMissing(boolean allowMissing) {
        parameters().setAllowMissing(allowMissing);
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

    /** The one name field stands for both the Pipeline steps' {@code pipeline:} and {@code deployment:}. */
    @Override
    protected FieldLabels labels() {
        return field -> field.equals("pipeline") || field.equals("deployment") ? LABELS.of("target")
                : LABELS.of(field);
    }

    @Override
    protected void perform(RolloutParameters p, SeldonSession session, FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        if (p.getAction() == null) {
            // E.g. a Job DSL script without action(...): never promote by default.
            throw new AbortException(Messages.SeldonRolloutBuilder_noAction());
        }
        session.rollout(p, p.getAction());
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonRolloutBuilder_displayName();
        }

        /** The kinds that have canaries and shadows. */
        @POST
        @Override
        public ListBoxModel doFillKindItems(@AncestorInPath Item item) {
            checkReadable(item);
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.Kind_PIPELINE(), ResourceKind.PIPELINE.name());
            model.add(Messages.Kind_SELDON_DEPLOYMENT(), ResourceKind.SELDON_DEPLOYMENT.name());
            return model;
        }

        @POST
        public ListBoxModel doFillActionItems(@AncestorInPath Item item) {
            checkReadable(item);
            ListBoxModel model = new ListBoxModel();
            for (RolloutAction a : RolloutAction.values()) {
                model.add(label(a), a.name());
            }
            return model;
        }

        /** Checked by the naming rules of the chosen kind. */
        @POST
        public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String kind) {
            return OperationForms.checkName(item, value, OperationForms.kind(kind));
        }

        private static String label(RolloutAction action) {
            return switch (action) {
                case PROMOTE_CANARY -> Messages.Action_PROMOTE_CANARY();
                case REMOVE_CANARY -> Messages.Action_REMOVE_CANARY();
                case PROMOTE_SHADOW -> Messages.Action_PROMOTE_SHADOW();
                case REMOVE_SHADOW -> Messages.Action_REMOVE_SHADOW();
            };
        }
    }
}

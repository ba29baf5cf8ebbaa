package io.jenkins.plugins.seldon.builders;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.ServingParameters;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A build step about what serves models: a kind (SeldonDeployment by default, or Pipeline) and its name, which the
 * Pipeline steps give as {@code deployment:} or {@code pipeline:}.
 */
public abstract class ServingBuilder<P extends ServingParameters> extends NamespaceBuilder<P> {

    protected ServingBuilder(P parameters, String namespace, String target) {
        super(parameters, namespace);
        parameters.setTarget(target);
    }

    public ResourceKind getKind() {
        return parameters().getKind();
    }

    @DataBoundSetter
    public void setKind(ResourceKind kind) {
        parameters().setKind(kind);
    }

    /** The SeldonDeployment, Pipeline or Model. */
    public String getTarget() {
        return parameters().getTarget();
    }

    /** The one name field stands for the Pipeline steps' {@code deployment:}, {@code pipeline:} and {@code model:}. */
    @Override
    protected FieldLabels labels() {
        return field -> switch (field) {
            case "deployment", "pipeline", "model" -> Messages.Field_servingTarget();
            default -> LABELS.of(field);
        };
    }

    /** The descriptors of these build steps: the kinds they act on, and the name checked by the kind's rules. */
    public abstract static class ServingBuilderDescriptor extends OperationBuilderDescriptor {

        /** SeldonDeployments and Pipelines; a build step that reaches Models too overrides this. */
        @POST
        @Override
        public ListBoxModel doFillKindItems(@AncestorInPath Item item) {
            checkReadable(item);
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.Kind_SELDON_DEPLOYMENT(), ResourceKind.SELDON_DEPLOYMENT.name());
            model.add(Messages.Kind_PIPELINE(), ResourceKind.PIPELINE.name());
            return model;
        }

        @POST
        public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String kind) {
            return OperationForms.checkName(item, value, OperationForms.kind(kind));
        }
    }
}

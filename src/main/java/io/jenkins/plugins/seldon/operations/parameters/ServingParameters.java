package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Names;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An operation on what serves models: a SeldonDeployment (Seldon Core v1) or a Pipeline (Seldon Core v2), and, where
 * the operation reaches it, a Model. A Pipeline step names it with {@code deployment:}, {@code pipeline:} or
 * {@code model:}; a form with a kind and a name ({@link #setKind}, {@link #setTarget}).
 */
public class ServingParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;

    private ResourceKind kind = ResourceKind.SELDON_DEPLOYMENT;
    private String target;
    /** Set when a step is given more than one of {@code deployment:}, {@code pipeline:} and {@code model:}. */
    private boolean severalTargets;

    /** The kinds this operation can act on; SeldonDeployments and Pipelines unless a subclass says more. */
    protected Set<ResourceKind> kinds() {
        return Set.of(ResourceKind.SELDON_DEPLOYMENT, ResourceKind.PIPELINE);
    }

    public ResourceKind getKind() {
        return kind;
    }

    public void setKind(ResourceKind kind) {
        this.kind = kind == null ? ResourceKind.SELDON_DEPLOYMENT : kind;
    }

    /** The SeldonDeployment, Pipeline or Model. */
    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = text(target);
    }

    /** The SeldonDeployment, when the target is one. */
    public String getDeployment() {
        return kind == ResourceKind.SELDON_DEPLOYMENT ? target : null;
    }

    public void setDeployment(String deployment) {
        setTargetOfKind(ResourceKind.SELDON_DEPLOYMENT, deployment);
    }

    /** The Pipeline, when the target is one. */
    public String getPipeline() {
        return kind == ResourceKind.PIPELINE ? target : null;
    }

    public void setPipeline(String pipeline) {
        setTargetOfKind(ResourceKind.PIPELINE, pipeline);
    }

    /** The Model, when the target is one. */
    public String getModel() {
        return kind == ResourceKind.MODEL ? target : null;
    }

    public void setModel(String model) {
        setTargetOfKind(ResourceKind.MODEL, model);
    }

    private void setTargetOfKind(ResourceKind k, String name) {
        String n = text(name);
        if (n == null) {
            return;
        }
        if (target != null && kind != k) {
            severalTargets = true;
        }
        kind = k;
        target = n;
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        String choices = choices(labels);
        if (severalTargets) {
            throw new InvalidInputException("Give one of " + choices + ", not several");
        }
        if (!kinds().contains(kind)) {
            throw new InvalidInputException("This operation is for " + kinds().stream().map(k -> k.kind() + "s")
                    .sorted().collect(Collectors.joining(" and ")) + ", not " + kind.kind() + "s");
        }
        if (target == null) {
            throw new InvalidInputException("Name what it acts on: " + choices);
        }
        Names.checkName(kind, target);
    }

    /** E.g. {@code deployment: or pipeline:} for a Pipeline step; a form names them with one field. */
    private String choices(FieldLabels labels) {
        String deployment = labels.of("deployment");
        String pipeline = labels.of("pipeline");
        if (deployment.equals(pipeline)) {
            return deployment;
        }
        return kinds().contains(ResourceKind.MODEL) ? deployment + ", " + pipeline + " or " + labels.of("model")
                : deployment + " or " + pipeline;
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        target = text(variables.apply(target));
    }
}

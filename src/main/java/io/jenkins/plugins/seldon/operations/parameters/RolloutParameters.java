package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Names;
import java.util.function.UnaryOperator;

/**
 * A canary or shadow of one target: a main Pipeline (Seldon Core v2) or a SeldonDeployment (Seldon Core v1). A Pipeline
 * step names it with {@code pipeline:} or {@code deployment:}, a form with a kind and a name. What the operation does
 * is the step's, or the form's {@link RolloutAction}.
 */
public class RolloutParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;

    private ResourceKind kind = ResourceKind.PIPELINE;
    private String target;
    /** Set when a step is given both {@code pipeline:} and {@code deployment:}. */
    private boolean bothTargets;
    private RolloutAction action;
    private boolean allowMissing;
    private String message;

    /** {@link ResourceKind#PIPELINE} or {@link ResourceKind#SELDON_DEPLOYMENT}. */
    public ResourceKind getKind() {
        return kind;
    }

    public void setKind(ResourceKind kind) {
        this.kind = kind == null ? ResourceKind.PIPELINE : kind;
    }

    /** The main pipeline, or the SeldonDeployment. */
    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = text(target);
    }

    /** The main pipeline, when the target is one. */
    public String getPipeline() {
        return kind == ResourceKind.PIPELINE ? target : null;
    }

    public void setPipeline(String pipeline) {
        setTargetOfKind(ResourceKind.PIPELINE, pipeline);
    }

    /** The SeldonDeployment, when the target is one. */
    public String getDeployment() {
        return kind == ResourceKind.SELDON_DEPLOYMENT ? target : null;
    }

    public void setDeployment(String deployment) {
        setTargetOfKind(ResourceKind.SELDON_DEPLOYMENT, deployment);
    }

    private void setTargetOfKind(ResourceKind k, String name) {
        String n = text(name);
        if (n == null) {
            return;
        }
        if (target != null && kind != k) {
            bothTargets = true;
        }
        kind = k;
        target = n;
    }

    /** For a form: which operation to run; none by default, so that nothing is promoted by omission. */
    public RolloutAction getAction() {
        return action;
    }

    public void setAction(RolloutAction action) {
        this.action = action;
    }

    /** For a removal: no canary or shadow is no failure. */
    public boolean isAllowMissing() {
        return allowMissing;
    }

    public void setAllowMissing(boolean allowMissing) {
        this.allowMissing = allowMissing;
    }

    /** The audit message recorded with each change; null for the build's default. */
    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = text(message);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        if (bothTargets) {
            throw new InvalidInputException("Give either " + labels.of("pipeline") + " or " + labels.of("deployment")
                    + ", not both");
        }
        if (kind != ResourceKind.PIPELINE && kind != ResourceKind.SELDON_DEPLOYMENT) {
            throw new InvalidInputException("Canaries and shadows are for Pipelines and SeldonDeployments, not "
                    + kind.kind() + "s");
        }
        if (target == null) {
            // A form names both with one field.
            String pipeline = labels.of("pipeline");
            String deployment = labels.of("deployment");
            throw new InvalidInputException("Name the main Pipeline or the SeldonDeployment whose traffic is split ("
                    + (pipeline.equals(deployment) ? pipeline : pipeline + " or " + deployment) + ")");
        }
        Names.checkName(kind, target);
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        target = text(variables.apply(target));
        message = text(variables.apply(message));
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Names;
import java.util.function.UnaryOperator;

/**
 * An operation on one resource of a kind, named as the API addresses it: by its own name, or, for an Experiment, by
 * its main pipeline's name.
 */
public abstract class ResourceParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;

    private ResourceKind kind = ResourceKind.SELDON_DEPLOYMENT;
    private String name;

    public ResourceKind getKind() {
        return kind;
    }

    public void setKind(ResourceKind kind) {
        this.kind = kind == null ? ResourceKind.SELDON_DEPLOYMENT : kind;
    }

    /** The resource's name; for an Experiment, its main pipeline's. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = text(name);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        Names.checkName(kind == ResourceKind.EXPERIMENT ? ResourceKind.PIPELINE : kind, name);
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        name = text(variables.apply(name));
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Names;
import java.util.function.UnaryOperator;

/** An operation on one named resource. */
public abstract class ResourceParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;

    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = text(name);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        Names.checkName(ResourceKind.SELDON_DEPLOYMENT, name);
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        name = text(variables.apply(name));
    }
}

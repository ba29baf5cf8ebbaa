package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Names;
import java.util.function.UnaryOperator;

/** An operation in one namespace. */
public abstract class NamespaceParameters extends OperationParameters {

    private static final long serialVersionUID = 1L;

    private String namespace;

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = text(namespace);
    }

    /** Whether the namespace must be given; an apply may take it from each manifest instead. */
    protected boolean namespaceRequired() {
        return true;
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        if (namespace != null || namespaceRequired()) {
            Names.checkNamespace(namespace);
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        namespace = text(variables.apply(namespace));
    }
}

package io.jenkins.plugins.seldon.builders;

import io.jenkins.plugins.seldon.operations.parameters.NamespaceParameters;

/** A build step in one namespace. */
public abstract class NamespaceBuilder<P extends NamespaceParameters> extends OperationBuilder<P> {

    protected NamespaceBuilder(P parameters, String namespace) {
        super(parameters);
        parameters.setNamespace(namespace);
    }

    public String getNamespace() {
        return parameters().getNamespace();
    }
}

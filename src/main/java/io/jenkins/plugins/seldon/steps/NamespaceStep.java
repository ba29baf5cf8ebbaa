package io.jenkins.plugins.seldon.steps;

import io.jenkins.plugins.seldon.operations.parameters.NamespaceParameters;

/** A step in one namespace ({@code namespace:}). */
public abstract class NamespaceStep<P extends NamespaceParameters> extends SeldonStep<P> {

    protected NamespaceStep(P parameters, String namespace) {
        super(parameters);
        parameters.setNamespace(namespace);
    }

    public String getNamespace() {
        return parameters().getNamespace();
    }
}

package io.jenkins.plugins.seldon.steps;

import io.jenkins.plugins.seldon.operations.parameters.ResourceParameters;

/** A step about one named resource ({@code namespace:} and {@code name:}). */
public abstract class ResourceStep<P extends ResourceParameters> extends NamespaceStep<P> {

    protected ResourceStep(P parameters, String namespace, String name) {
        super(parameters, namespace);
        parameters.setName(name);
    }

    public String getName() {
        return parameters().getName();
    }
}

package io.jenkins.plugins.seldon.steps;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.ResourceParameters;

/**
 * A step about one resource of a kind: {@code namespace:} and {@code name:}, or {@code pipeline:} for an Experiment,
 * which the API addresses by its main pipeline. Each verb is one class; its kinds are nested subclasses that only
 * name the kind and the step.
 */
public abstract class ResourceStep<P extends ResourceParameters> extends NamespaceStep<P> {

    protected ResourceStep(P parameters, ResourceKind kind, String namespace, String name) {
        super(parameters, namespace);
        parameters.setKind(kind);
        parameters.setName(name);
    }

    public String getName() {
        return parameters().getName();
    }
}

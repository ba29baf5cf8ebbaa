package io.jenkins.plugins.seldon.builders;

import io.jenkins.plugins.seldon.operations.parameters.ResourceParameters;

/** A build step about one named resource. */
public abstract class ResourceBuilder<P extends ResourceParameters> extends NamespaceBuilder<P> {

    protected ResourceBuilder(P parameters, String namespace, String name) {
        super(parameters, namespace);
        parameters.setName(name);
    }

    public String getName() {
        return parameters().getName();
    }

    /** Only talks to the API, so it needs no workspace. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }
}

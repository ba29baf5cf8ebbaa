package io.jenkins.plugins.seldon.builders;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.ResourceParameters;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A build step about one resource of any kind: its kind (default SeldonDeployment), namespace and name (for an
 * Experiment, its main pipeline's name, by which the API addresses it).
 */
public abstract class ResourceBuilder<P extends ResourceParameters> extends NamespaceBuilder<P> {

    protected ResourceBuilder(P parameters, String namespace, String name) {
        super(parameters, namespace);
        parameters.setName(name);
    }

    public ResourceKind getKind() {
        return parameters().getKind();
    }

    @DataBoundSetter
    public void setKind(ResourceKind kind) {
        parameters().setKind(kind);
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

package io.jenkins.plugins.seldon.operations.parameters;

import java.util.function.UnaryOperator;

/**
 * The GitOps history of one resource of any kind, or what one commit changed in it ({@code hash}; none for the
 * latest). An Experiment is named by its own name here: the API keeps the history per experiment.
 */
public final class GitParameters extends ResourceParameters {

    private static final long serialVersionUID = 1L;

    private String hash;

    /** A commit of the resource's history; null for its latest. */
    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = text(hash);
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        hash = text(variables.apply(hash));
    }
}

package io.jenkins.plugins.seldon.operations;

import java.io.IOException;

/**
 * A wait ended without the deployment becoming ready: it failed, disappeared, or the timeout passed. The message says
 * which and why (the deployment's own description), so it can be shown alone.
 */
public final class DeploymentNotReadyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final DeploymentReadiness.Verdict.Status status;

    public DeploymentNotReadyException(String message, DeploymentReadiness.Verdict.Status status) {
        super(message);
        this.status = status;
    }

    /** {@link DeploymentReadiness.Verdict.Status#FAILED} or {@link DeploymentReadiness.Verdict.Status#TIMED_OUT}. */
    public DeploymentReadiness.Verdict.Status status() {
        return status;
    }
}

package io.jenkins.plugins.seldon.operations;

import java.io.IOException;

/**
 * A wait ended without the resource becoming ready: it failed, disappeared, or the timeout passed. The message says
 * which and why (the resource's own status, and for a SeldonDeployment what its Kubernetes resources show), so it can
 * be shown alone.
 */
public final class NotReadyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Readiness.Verdict.Status status;

    public NotReadyException(String message, Readiness.Verdict.Status status) {
        super(message);
        this.status = status;
    }

    /** {@link Readiness.Verdict.Status#FAILED} or {@link Readiness.Verdict.Status#TIMED_OUT}. */
    public Readiness.Verdict.Status status() {
        return status;
    }
}

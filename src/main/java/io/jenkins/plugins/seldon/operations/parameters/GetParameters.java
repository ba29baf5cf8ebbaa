package io.jenkins.plugins.seldon.operations.parameters;

/** Read one deployment; {@code allowMissing} turns "not found" into no result. */
public final class GetParameters extends ResourceParameters {

    private static final long serialVersionUID = 1L;

    private boolean allowMissing;

    public boolean isAllowMissing() {
        return allowMissing;
    }

    public void setAllowMissing(boolean allowMissing) {
        this.allowMissing = allowMissing;
    }
}

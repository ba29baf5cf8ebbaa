package io.jenkins.plugins.seldon.operations.parameters;

import java.util.function.UnaryOperator;

/** Delete one deployment, with an audit message; {@code allowMissing} makes a missing one no failure. */
public final class DeleteParameters extends ResourceParameters {

    private static final long serialVersionUID = 1L;

    private boolean allowMissing;
    private String message;

    public boolean isAllowMissing() {
        return allowMissing;
    }

    public void setAllowMissing(boolean allowMissing) {
        this.allowMissing = allowMissing;
    }

    /** The audit message recorded with the change; null for the build's default. */
    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = text(message);
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        message = text(variables.apply(message));
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.io.Serializable;
import java.util.function.UnaryOperator;

/**
 * The one description of an operation's inputs, held by its Pipeline step and its freestyle build step alike, so that
 * both normalise and check them the same way. Every operation takes the server ({@code null}: the default) and an
 * optional credential of the job's own that replaces the server's. Setters normalise (blank text is absent); checks
 * that need every field run in {@link #validate}, before any request.
 */
public abstract class OperationParameters implements Serializable, Cloneable {

    private static final long serialVersionUID = 1L;

    private String server;
    private String credentialsId;

    public String getServer() {
        return server;
    }

    public void setServer(String server) {
        this.server = text(server);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public void setCredentialsId(String credentialsId) {
        this.credentialsId = text(credentialsId);
    }

    /**
     * Checks what the setters cannot check one field at a time.
     *
     * @throws InvalidInputException naming the field in the caller's words
     */
    public void validate(FieldLabels labels) throws InvalidInputException {}

    /**
     * A copy with build variables expanded, for freestyle: in text fields that name things, not in the credentials id
     * (which the Credentials plugin resolves itself, with its checks of credentials parameters) nor in manifest text.
     */
    @SuppressWarnings("unchecked")
    public <P extends OperationParameters> P expanded(UnaryOperator<String> variables) {
        OperationParameters copy;
        try {
            copy = (OperationParameters) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        copy.expand(variables);
        return (P) copy;
    }

    /** Expands this object's own text fields; subclasses add theirs. */
    protected void expand(UnaryOperator<String> variables) {
        server = text(variables.apply(server));
    }

    /** Trimmed text, or null when blank. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        return t.isEmpty() ? null : t;
    }
}

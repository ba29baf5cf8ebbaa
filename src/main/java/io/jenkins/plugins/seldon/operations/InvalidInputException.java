package io.jenkins.plugins.seldon.operations;

import java.io.IOException;

/**
 * User input that cannot be used: a malformed or invalid manifest, an invalid Kubernetes name, an unsupported value in
 * a Pipeline map; or that does not fit what the server has: an experiment that would replace another of the same
 * pipeline, a candidate pipeline without the labels a canary needs, a canary where there is none. Raised before the
 * request it concerns is sent (before any request, but for the cases that need a read). The message says what is
 * wrong and where (source, line and column for parse errors, a path such as {@code metadata.name} otherwise), so it
 * can be shown alone without a stack trace.
 *
 * <p>It is an {@link IOException}, like the client's {@link io.jenkins.plugins.seldon.client.error.SeldonException},
 * so that every operation declares {@code throws IOException, InterruptedException}; it is not a SeldonException
 * because no server was involved.
 */
public final class InvalidInputException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Line (1-based) of a parse error, or 0. */
    private final int line;
    /** Column (1-based) of a parse error, or 0. */
    private final int column;

    public InvalidInputException(String message) {
        this(message, 0, 0, null);
    }

    InvalidInputException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of a parse error, or 0 when the problem is not tied to a position in text. */
    public int line() {
        return line;
    }

    /** The 1-based column of a parse error, or 0 when the problem is not tied to a position in text. */
    public int column() {
        return column;
    }
}

package io.jenkins.plugins.seldon.client.error;

/**
 * A server answered more than the client reads from it: the answer is refused before it can exhaust the memory of
 * the Jenkins controller. The message names the server, the limit and the system property that raises it.
 */
public class AnswerTooLargeException extends SeldonException {

    private static final long serialVersionUID = 1L;

    private final long limitBytes;
    private final String property;

    public AnswerTooLargeException(String message, long limitBytes, String property) {
        super(message);
        this.limitBytes = limitBytes;
        this.property = property;
    }

    /** The limit that was exceeded, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    /** The system property that raises the limit. */
    public String property() {
        return property;
    }
}

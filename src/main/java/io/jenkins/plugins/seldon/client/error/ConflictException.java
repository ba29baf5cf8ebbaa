package io.jenkins.plugins.seldon.client.error;

/** The write conflicts with the current state, e.g. a stale {@code metadata.resourceVersion} (409). */
public class ConflictException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}

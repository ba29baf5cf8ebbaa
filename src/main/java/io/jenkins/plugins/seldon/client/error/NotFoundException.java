package io.jenkins.plugins.seldon.client.error;

/** The resource does not exist (404, or a server error whose message says it was not found). */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}

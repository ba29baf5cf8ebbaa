package io.jenkins.plugins.seldon.client.error;

/** The API rejected the request as invalid (400, 422): usually the manifest; see the server's message. */
public class InvalidRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}

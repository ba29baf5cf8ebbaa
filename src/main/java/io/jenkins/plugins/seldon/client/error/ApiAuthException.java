package io.jenkins.plugins.seldon.client.error;

/** The API refused the credentials (401 after a fresh token) or the principal lacks permission (403). */
public class ApiAuthException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ApiAuthException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}

package io.jenkins.plugins.seldon.client.error;

/** The API failed on its side (5xx) or answered a status the client has no better class for (405, 424...). */
public class ServerErrorException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ServerErrorException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}

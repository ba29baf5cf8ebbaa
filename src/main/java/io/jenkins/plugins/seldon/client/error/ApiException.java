package io.jenkins.plugins.seldon.client.error;

/**
 * The Seldon API answered with an error status. Carries the status and, when the server sent its error body
 * ({@code {"code":..,"message":..,"requestId":..}}), its message and request id, which support needs to find the
 * request in the server logs.
 */
public abstract class ApiException extends SeldonException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String serverMessage;
    private final String requestId;

    protected ApiException(String message, int status, String serverMessage, String requestId) {
        super(message);
        this.status = status;
        this.serverMessage = serverMessage;
        this.requestId = requestId;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The server's {@code message}, or {@code null} when it sent none. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The server's {@code requestId}, or {@code null} when it sent none. */
    public String requestId() {
        return requestId;
    }
}

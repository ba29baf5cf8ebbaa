package io.jenkins.plugins.seldon.client.error;

/** The server could not be reached or did not answer in time. {@link #reason()} tells which. */
public class NetworkException extends SeldonException {

    private static final long serialVersionUID = 1L;

    /** What went wrong on the network. */
    public enum Reason {
        CONNECTION_REFUSED,
        UNKNOWN_HOST,
        CONNECT_TIMEOUT,
        READ_TIMEOUT,
        CALL_TIMEOUT,
        CONNECTION_FAILED
    }

    private final Reason reason;
    private final String host;

    public NetworkException(String message, Reason reason, String host, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.host = host;
    }

    public Reason reason() {
        return reason;
    }

    /** The host that was called. */
    public String host() {
        return host;
    }
}

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
        /** The server (or a proxy) closed or reset the connection before the answer was complete. */
        CONNECTION_CLOSED,
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

    /** The host that was called, or {@code null} when not known. */
    public String host() {
        return host;
    }

    /** Whether the request provably never reached the server: no connection was ever established. */
    public boolean neverSent() {
        return reason == Reason.CONNECTION_REFUSED || reason == Reason.CONNECT_TIMEOUT;
    }

    /** Whether asking again may succeed; an unknown host is a configuration error rather than a passing fault. */
    public boolean mayPass() {
        return reason != Reason.UNKNOWN_HOST;
    }

    /** What went wrong, as a few words after the name of the server, e.g. for a line about a retry. */
    public String shortReason() {
        return switch (reason) {
            case CONNECTION_REFUSED -> "refused the connection";
            case UNKNOWN_HOST -> "could not be found";
            case CONNECT_TIMEOUT -> "did not accept the connection in time";
            case READ_TIMEOUT -> "did not answer within the read timeout";
            case CALL_TIMEOUT -> "did not complete the call in time";
            case CONNECTION_CLOSED -> "closed the connection before answering";
            case CONNECTION_FAILED -> "could not be reached";
        };
    }
}

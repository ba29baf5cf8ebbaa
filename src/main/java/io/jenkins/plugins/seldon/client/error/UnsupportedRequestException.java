package io.jenkins.plugins.seldon.client.error;

/**
 * The request cannot be sent in this configuration, so nothing was sent: e.g. a GET with a body, which only the JDK's
 * HTTP client sends, to a server whose TLS verification is off, which that client cannot do for one server only. The
 * message says which setting stands in the way and what to change.
 */
public class UnsupportedRequestException extends SeldonException {

    private static final long serialVersionUID = 1L;

    public UnsupportedRequestException(String message) {
        super(message);
    }
}

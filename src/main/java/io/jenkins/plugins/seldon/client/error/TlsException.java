package io.jenkins.plugins.seldon.client.error;

/**
 * The TLS connection could not be set up: the certificate is not trusted, does not match the host name, the
 * handshake failed, or the configured CA certificates are unusable.
 */
public class TlsException extends SeldonException {

    private static final long serialVersionUID = 1L;

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.jenkins.plugins.seldon.client.error;

import java.io.IOException;

/**
 * Root of every failure the client reports. Each subclass names one thing that can go wrong (the provider refused,
 * the API refused, network, TLS...), and its message says where and what to check. Messages never contain a secret
 * or a token.
 */
public abstract class SeldonException extends IOException {

    private static final long serialVersionUID = 1L;

    protected SeldonException(String message, Throwable cause) {
        super(message, cause);
    }

    protected SeldonException(String message) {
        super(message);
    }
}

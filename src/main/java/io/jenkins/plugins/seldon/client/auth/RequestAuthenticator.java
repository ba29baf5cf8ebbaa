package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.error.SeldonException;

/**
 * One principal's way of proving who it is to the API. Each auth kind (OIDC grants now; pre-issued tokens, Dex
 * sessions later) is one implementation; the API client only sees this.
 */
public interface RequestAuthenticator {

    /**
     * The header to send, reusing a cached token while it is valid.
     *
     * @throws SeldonException when the provider refuses or cannot be reached
     * @throws InterruptedException when the calling thread is interrupted while waiting for the provider
     */
    AuthHeader authenticate() throws SeldonException, InterruptedException;

    /** Forgets {@code rejected} (the API answered 401 to it), so that the next {@link #authenticate()} gets a new one. */
    void invalidate(AuthHeader rejected);

    /** Where the proof comes from, for error messages (e.g. the token endpoint URL). Never contains a secret. */
    String describe();
}

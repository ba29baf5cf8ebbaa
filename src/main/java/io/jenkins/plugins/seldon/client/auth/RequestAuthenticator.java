package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * One principal's way of proving who it is to the API. Each auth kind (OIDC grants, pre-issued tokens, sessions) is
 * one implementation; the API client only sees this.
 */
public interface RequestAuthenticator {

    /**
     * The header to send, reusing a cached token while it is valid.
     *
     * @throws SeldonException when the provider refuses or cannot be reached
     * @throws InterruptedException when the calling thread is interrupted while waiting for the provider
     */
    AuthHeader authenticate() throws SeldonException, InterruptedException;

    /**
     * The header to send, without blocking when the implementation can: the API client asks for it this way, so that
     * abandoning a call also abandons the wait for its token. Cancelling the future gives up this caller's wait; it
     * must not fail other callers waiting for the same token. This default calls {@link #authenticate()}, for
     * implementations that never wait.
     *
     * @param retries told about retries of the provider calls this needs
     */
    default CompletableFuture<AuthHeader> authenticateAsync(RetryListener retries) {
        try {
            return CompletableFuture.completedFuture(authenticate());
        } catch (SeldonException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Forgets {@code rejected} (the API answered 401 to it), so that the next {@link #authenticate()} gets a new one. */
    void invalidate(AuthHeader rejected);

    /**
     * Whether {@link #invalidate} leads to a new proof, so that a request the API refused (401) is worth sending once
     * more; false where the proof is all there is (a pre-issued token).
     */
    default boolean renews() {
        return true;
    }

    /**
     * What to check when the API refuses this principal's proof (401) for good, for the error message: one or more
     * sentences, never a secret.
     */
    default String whenRefused() {
        return "Check that the API accepts the credentials of " + describe() + ".";
    }

    /**
     * Why the proof is not sent to {@code url}, the inference endpoint (another origin than the API's, or another
     * path), or {@code null} when it may be: tokens the cluster's services accept alike may, unless their owner
     * restricted them; a gateway's session cookie belongs to the gateway's origin only.
     */
    default String notSentTo(URI url) {
        return null;
    }

    /** Where the proof comes from, for error messages (e.g. the token endpoint URL). Never contains a secret. */
    String describe();
}

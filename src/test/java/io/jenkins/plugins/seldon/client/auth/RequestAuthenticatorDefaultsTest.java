package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What an authenticator that only knows how to authenticate gets from the interface. */
class RequestAuthenticatorDefaultsTest {

    /** Authenticates with {@code header}, or fails with {@code failure}. */
    private static RequestAuthenticator authenticator(AuthHeader header, Exception failure) {
        return new RequestAuthenticator() {
            @Override
            public AuthHeader authenticate() throws SeldonException, InterruptedException {
                if (failure instanceof SeldonException s) {
                    throw s;
                }
                if (failure instanceof InterruptedException i) {
                    throw i;
                }
                return header;
            }

            @Override
            public void invalidate(AuthHeader rejected) {
            }

            @Override
            public String describe() {
                return "the test's principal";
            }
        };
    }

    @Test
    void theProofIsGivenAtOnceAsAFuture() throws Exception {
        AuthHeader header = AuthHeader.bearer(SecretText.of("t"), null);
        CompletableFuture<AuthHeader> f = authenticator(header, null).authenticateAsync(RetryListener.NONE);
        assertSame(header, f.getNow(null));
    }

    @Test
    void aFailureToAuthenticateFailsTheFuture() {
        ApiAuthException refused = new ApiAuthException("refused", 401, null, null);
        CompletableFuture<AuthHeader> f = authenticator(null, refused).authenticateAsync(RetryListener.NONE);
        assertTrue(f.isCompletedExceptionally());
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertSame(refused, e.getCause());
    }

    @Test
    void anInterruptFailsTheFutureAndStaysSetOnTheThread() {
        try {
            CompletableFuture<AuthHeader> f = authenticator(null, new InterruptedException("stop"))
                    .authenticateAsync(RetryListener.NONE);
            assertTrue(f.isCompletedExceptionally());
            assertTrue(Thread.interrupted(), "the interrupt is kept for whoever waits next");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aRefusalNamesThePrincipalAndAProofIsRenewable() {
        RequestAuthenticator auth = authenticator(null, null);
        assertEquals("Check that the API accepts the credentials of the test's principal.", auth.whenRefused());
        assertTrue(auth.renews());
    }
}

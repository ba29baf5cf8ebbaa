package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** {@link HttpCalls#await}: what a blocking caller gets for each way a future ends. */
class AwaitTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void theValueOrTheFailureItselfUnwrapped() throws Exception {
        assertEquals("v", HttpCalls.await(CompletableFuture.completedFuture("v"), BOUND, "the Seldon API"));
        NetworkException n = new NetworkException("down", NetworkException.Reason.CONNECTION_REFUSED, "h", null);
        assertSame(n, assertThrows(NetworkException.class, () -> HttpCalls.await(
                CompletableFuture.failedFuture(new CompletionException(n)), BOUND, "the Seldon API")));
        IllegalArgumentException unchecked = new IllegalArgumentException("bad");
        assertSame(unchecked, assertThrows(IllegalArgumentException.class, () -> HttpCalls.await(
                CompletableFuture.failedFuture(unchecked), BOUND, "the Seldon API")));
        InterruptedException interrupted = new InterruptedException("stop");
        assertSame(interrupted, assertThrows(InterruptedException.class, () -> HttpCalls.await(
                CompletableFuture.failedFuture(interrupted), BOUND, "the Seldon API")));
        StackOverflowError error = new StackOverflowError();
        assertSame(error, assertThrows(StackOverflowError.class, () -> HttpCalls.await(
                CompletableFuture.failedFuture(error), BOUND, "the Seldon API")));
        Exception checked = new java.io.IOException("other");
        IllegalStateException wrapped = assertThrows(IllegalStateException.class, () -> HttpCalls.await(
                CompletableFuture.failedFuture(checked), BOUND, "the Seldon API"));
        assertSame(checked, wrapped.getCause());
    }

    @Test
    void aFutureNeverCompletedIsAbandonedAfterItsBoundAndAMargin() {
        CompletableFuture<String> lost = new CompletableFuture<>();
        long start = System.nanoTime();
        NetworkException e = assertThrows(NetworkException.class,
                () -> HttpCalls.await(lost, Duration.ofMillis(100), "the Seldon API"));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis >= 2000, "the bound plus a margin of 2 s: " + millis);
        assertEquals(NetworkException.Reason.CALL_TIMEOUT, e.reason());
        assertEquals("The Seldon API did not complete within 2 s; the call was abandoned. Check the health of the"
                + " server.", e.getMessage());
        assertTrue(lost.isCancelled());
    }

    @Test
    void anInterruptedWaitCancelsTheFuture() {
        CompletableFuture<String> running = new CompletableFuture<>();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> HttpCalls.await(running, BOUND, "the Seldon API"));
        assertTrue(running.isCancelled());
        assertFalse(Thread.currentThread().isInterrupted());
    }
}

package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Futures#then}: chains whose end, when abandoned, abandons the work in progress at its start. */
class FuturesTest {

    @Test
    void theStepGetsTheValueOrTheUnwrappedFailure() throws Exception {
        assertEquals("a!", Futures.then(CompletableFuture.completedFuture("a"),
                (v, e) -> CompletableFuture.completedFuture(v + "!")).get());
        IllegalStateException cause = new IllegalStateException("x");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Futures.then(CompletableFuture.failedFuture(new CompletionException(cause)), (v, e) -> {
            seen.set(e);
            return CompletableFuture.completedFuture(null);
        }).get();
        assertSame(cause, seen.get());
    }

    @Test
    void whatTheStepThrowsFailsTheChain() {
        IllegalArgumentException thrown = new IllegalArgumentException("step");
        ExecutionException e = assertThrows(ExecutionException.class, () -> Futures.then(
                CompletableFuture.completedFuture("a"), (v, f) -> {
                    throw thrown;
                }).get());
        assertSame(thrown, e.getCause());
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> chain = Futures.then(CompletableFuture.completedFuture("a"), (v, f) -> failing);
        failing.completeExceptionally(new CompletionException(thrown));
        assertSame(thrown, assertThrows(ExecutionException.class, chain::get).getCause(), "unwrapped");
    }

    @Test
    void cancellingTheEndCancelsTheSourceWhileItRuns() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> chain = Futures.then(source, (v, e) -> CompletableFuture.completedFuture(v));
        chain.cancel(true);
        assertTrue(chain.isCancelled());
        assertTrue(source.isCancelled());
    }

    @Test
    void cancellingTheEndCancelsTheStepsFutureOnceItRuns() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> next = new CompletableFuture<>();
        CompletableFuture<String> chain = Futures.then(source, (v, e) -> next);
        source.complete("a");
        assertFalse(next.isDone());
        chain.cancel(true);
        assertTrue(next.isCancelled());
        assertFalse(source.isCancelled(), "a completed source stays as it was");
    }

    @Test
    void aStepFutureStartedAfterTheEndWasAbandonedIsCancelledAtOnce() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> next = new CompletableFuture<>();
        CompletableFuture<String> chain = Futures.then(source, (v, e) -> next);
        chain.complete("given up");
        // The source was cancelled with the chain; its step still runs (with the cancellation) and what it starts is
        // cancelled at once.
        assertTrue(source.isCancelled());
        assertTrue(next.isCancelled());
    }

    @Test
    void completeUnwrapsFailuresAndPassesValues() throws Exception {
        CompletableFuture<String> target = new CompletableFuture<>();
        Futures.complete(target, "v", null);
        assertEquals("v", target.get());
        CompletableFuture<String> failed = new CompletableFuture<>();
        IllegalStateException cause = new IllegalStateException();
        Futures.complete(failed, null, new CompletionException(new ExecutionException(cause)));
        assertSame(cause, assertThrows(ExecutionException.class, failed::get).getCause());
        assertSame(cause, Futures.unwrap(new CompletionException(cause)));
        CompletionException bare = new CompletionException("no cause", null);
        assertSame(bare, Futures.unwrap(bare), "a wrapper without a cause is the failure");
    }
}

package io.jenkins.plugins.seldon.client.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chains the client's futures so that abandoning the end of a chain abandons the work in progress at its start
 * ({@link CompletableFuture#thenCompose} does not propagate cancellation), and so that every future completes, even
 * when a step throws an unchecked exception or an error.
 */
public final class Futures {

    private Futures() {
    }

    /** The next step of a chain: from the previous result or failure to the next future. */
    @FunctionalInterface
    public interface Step<A, B> {
        /**
         * @param failure the previous step's failure (unwrapped from {@link CompletionException}), or {@code null}
         */
        CompletableFuture<B> next(A value, Throwable failure) throws Exception;
    }

    /**
     * Runs {@code step} when {@code source} completes. Completing (or cancelling) the result early cancels whichever
     * of {@code source} and the step's future is still running; anything {@code step} throws fails the result.
     */
    public static <A, B> CompletableFuture<B> then(CompletableFuture<A> source, Step<A, B> step) {
        CompletableFuture<B> result = new CompletableFuture<>();
        AtomicReference<Future<?>> running = new AtomicReference<>(source);
        // Cancelling a future that is done already changes nothing.
        result.whenComplete((r, e) -> running.get().cancel(true));
        source.whenComplete((a, e) -> {
            try {
                CompletableFuture<B> next = step.next(a, unwrap(e));
                running.set(next);
                if (result.isDone()) {
                    next.cancel(true);
                    return;
                }
                next.whenComplete((b, e2) -> complete(result, b, e2));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Completes {@code target} with the value or the (unwrapped) failure. */
    public static <T> void complete(CompletableFuture<T> target, T value, Throwable failure) {
        if (failure == null) {
            target.complete(value);
        } else {
            target.completeExceptionally(unwrap(failure));
        }
    }

    /** The failure behind {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}

package io.jenkins.plugins.seldon.client.http;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;

/**
 * Runs the attempts of one logical call until one succeeds, one fails for good, the attempts are used up, or the
 * call's time budget runs out: the budget always wins, also over a wait for a retry. Each attempt decides itself
 * whether its failure may be retried; this class decides whether there is an attempt and the time left for it, and
 * tells the {@link RetryListener} before each wait.
 */
public final class Retrying {

    // Only hands work over to the HTTP client's executor and completes futures, so one thread is plenty.
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Retrying() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "Seldon client retry timer");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Timers and waits scheduled and not yet run or cancelled, for tests. */
    static int scheduled() {
        return TIMER.getQueue().size();
    }

    /**
     * What one attempt came to.
     *
     * @param value the result when the attempt succeeded
     * @param failure the failure, or {@code null} on success
     * @param retryReason why another attempt may succeed (e.g. {@code answered HTTP 503}), or {@code null} when the
     *     failure is final
     * @param retryAfter how long the server asked to wait, or {@code null}
     * @param repeat whether to repeat the attempt at once, without counting it (a fresh token after a 401)
     */
    public record Outcome<T>(T value, SeldonException failure, String retryReason, Duration retryAfter, boolean repeat) {

        public static <T> Outcome<T> done(T value) {
            return new Outcome<>(value, null, null, null, false);
        }

        public static <T> Outcome<T> failed(SeldonException failure) {
            return new Outcome<>(null, failure, null, null, false);
        }

        public static <T> Outcome<T> retry(SeldonException failure, String reason, Duration retryAfter) {
            return new Outcome<>(null, failure, reason, retryAfter, false);
        }

        public static <T> Outcome<T> again() {
            return new Outcome<>(null, null, null, null, true);
        }
    }

    /**
     * Starts attempt {@code number} (1-based) without waiting for anything but a call the caller waits for anyway; a
     * future that fails instead of giving an outcome fails the call.
     */
    @FunctionalInterface
    public interface Attempt<T> {
        CompletableFuture<Outcome<T>> start(int number);
    }

    /**
     * Starts the call: the first attempt on the calling thread, so that a warm call hands nothing over to another
     * thread before its request is sent (an attempt never waits: it starts asynchronous work, or runs a call its
     * caller waits for anyway), later attempts on {@code executor}. Cancelling the result (or the budget running out)
     * cancels the running attempt or the wait for the next one.
     *
     * @param what who is called, for messages, e.g. {@code the Seldon API}
     * @param budget the time the whole call may take, waits and retries included
     */
    public static <T> CompletableFuture<T> run(String what, String method, HttpUrl url, RetryPolicy policy,
            Duration budget, Executor executor, RetryListener listener, Attempt<T> attempt) {
        Loop<T> loop = new Loop<>(what, method, url, policy, budget, executor, listener, attempt);
        loop.start(1);
        // A first attempt that ended on this thread (a warm call run by its caller, bounded by the budget itself)
        // needs no timer: scheduling one wakes the timer's thread, a cost comparable to the call.
        loop.armTimer();
        return loop.result;
    }

    private static final class Loop<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final String what;
        private final String method;
        private final HttpUrl url;
        private final RetryPolicy policy;
        private final long deadline;
        private final Executor executor;
        private final RetryListener listener;
        private final Attempt<T> attempt;
        private final AtomicReference<Future<?>> running = new AtomicReference<>();
        private final AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        private final Duration budget;

        Loop(String what, String method, HttpUrl url, RetryPolicy policy, Duration budget, Executor executor,
                RetryListener listener, Attempt<T> attempt) {
            this.what = what;
            this.method = method;
            this.url = url;
            this.policy = policy;
            this.deadline = System.nanoTime() + budget.toNanos();
            this.executor = executor;
            this.listener = listener;
            this.attempt = attempt;
            this.budget = budget;
            result.whenComplete((r, e) -> {
                ScheduledFuture<?> t = timer.get();
                if (t != null) {
                    t.cancel(false);
                }
                Future<?> f = running.get();
                if (f != null) {
                    f.cancel(true);
                }
            });
        }

        /** Makes the budget end the call while it is still running, also while it waits for a retry. */
        void armTimer() {
            if (result.isDone()) {
                return;
            }
            timer.set(TIMER.schedule(() -> result.completeExceptionally(overBudget()),
                    deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
            // The result may have completed before the timer was set, without cancelling it.
            if (result.isDone()) {
                timer.get().cancel(false);
            }
        }

        private NetworkException overBudget() {
            return new NetworkException(HttpCalls.capitalise(what) + " did not complete " + where() + " within its"
                    + " time limit of " + seconds(budget) + ", retries included. The server may be overloaded; check"
                    + " its health.", NetworkException.Reason.CALL_TIMEOUT, url.host(), null);
        }

        /** {@code METHOD url} for messages; only made for one. */
        private String where() {
            return method + " " + HttpCalls.withoutQuery(url);
        }

        void execute(int number) {
            try {
                executor.execute(() -> start(number));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private void start(int number) {
            if (result.isDone()) {
                return;
            }
            try {
                CompletableFuture<Outcome<T>> f = attempt.start(number);
                running.set(f);
                if (result.isDone()) {
                    f.cancel(true);
                    return;
                }
                f.whenComplete((o, e) -> {
                    try {
                        decide(number, o, e);
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }

        private void decide(int number, Outcome<T> o, Throwable e) {
            if ((e != null ? !(Futures.unwrap(e) instanceof InterruptedException) : o.failure() != null)
                    && System.nanoTime() - deadline >= 0) {
                // The budget wins, as its timer would have; an attempt run by its caller is only bounded by its own
                // timeout, the time left.
                result.completeExceptionally(overBudget());
            } else if (e != null) {
                result.completeExceptionally(Futures.unwrap(e));
            } else if (o.repeat()) {
                execute(number);
            } else if (o.failure() == null) {
                result.complete(o.value());
            } else if (o.retryReason() == null || number >= policy.maxAttempts()) {
                result.completeExceptionally(o.failure());
            } else {
                Duration delay = policy.delay(number, o.retryAfter());
                if (delay == null || System.nanoTime() + delay.toNanos() - deadline >= 0) {
                    // The server asked for a longer wait than allowed, or the budget would run out while waiting.
                    result.completeExceptionally(o.failure());
                    return;
                }
                listener.retrying(new RetryListener.Retry(what, where(), o.retryReason(), number + 1,
                        policy.maxAttempts(), delay));
                ScheduledFuture<?> wait = TIMER.schedule(() -> execute(number + 1), delay.toNanos(),
                        TimeUnit.NANOSECONDS);
                running.set(wait);
                if (result.isDone()) {
                    wait.cancel(false);
                }
            }
        }

        private static String seconds(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
        }
    }
}

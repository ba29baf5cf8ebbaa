package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The attempt loop itself: which thread runs which attempt, and when the budget's timer is needed. */
class RetryingTest {

    private static final HttpUrl URL = HttpUrl.get("https://seldon.example.com/seldon-deploy/api/v1alpha1/version");

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private <T> CompletableFuture<T> run(Duration budget, Retrying.Attempt<T> attempt) {
        return Retrying.run("the Seldon API", "GET", URL, TestHttp.FAST_RETRIES, budget, executor, RetryListener.NONE,
                attempt);
    }

    private static ServerErrorException unavailable() {
        return new ServerErrorException("The Seldon API answered HTTP 503", 503, null, null);
    }

    @Test
    void theFirstAttemptRunsOnTheCallersThreadAndARetryOnTheExecutor() throws Exception {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CompletableFuture<String> result = run(Duration.ofSeconds(30), n -> {
            threads.add(Thread.currentThread());
            return CompletableFuture.completedFuture(n == 1
                    ? Retrying.Outcome.retry(unavailable(), "answered HTTP 503", null)
                    : Retrying.Outcome.done("second"));
        });
        assertEquals("second", result.get(30, TimeUnit.SECONDS));
        assertEquals(2, threads.size());
        assertSame(Thread.currentThread(), threads.get(0));
        assertNotSame(Thread.currentThread(), threads.get(1));
    }

    @Test
    void aCallThatEndedOnItsCallersThreadLeavesNoTimer() throws Exception {
        int before = Retrying.scheduled();
        CompletableFuture<String> result = run(Duration.ofMinutes(5),
                n -> CompletableFuture.completedFuture(Retrying.Outcome.done("at once")));
        assertTrue(result.isDone());
        assertEquals("at once", result.get());
        assertTrue(Retrying.scheduled() <= before, "no timer for the budget");
    }

    @Test
    void aCallStillRunningHasItsBudgetTimerUntilItEnds() throws Exception {
        int before = Retrying.scheduled();
        CompletableFuture<Retrying.Outcome<String>> attempt = new CompletableFuture<>();
        CompletableFuture<String> result = run(Duration.ofMinutes(5), n -> attempt);
        assertFalse(result.isDone());
        assertEquals(before + 1, Retrying.scheduled(), "the budget's timer");
        attempt.complete(Retrying.Outcome.done("later"));
        assertEquals("later", result.get(30, TimeUnit.SECONDS));
        assertTrue(Retrying.scheduled() <= before, "the timer is cancelled with the call");
    }

    @Test
    void theBudgetEndsACallStillRunningAndCancelsItsAttempt() {
        CompletableFuture<Retrying.Outcome<String>> attempt = new CompletableFuture<>();
        CompletableFuture<String> result = run(Duration.ofSeconds(1), n -> attempt);
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        NetworkException n = assertInstanceOf(NetworkException.class, e.getCause());
        assertEquals(NetworkException.Reason.CALL_TIMEOUT, n.reason());
        assertTrue(n.getMessage().contains("did not complete GET https://seldon.example.com/seldon-deploy/api/v1alpha1/"
                + "version within its time limit of 1 s, retries included"), n.getMessage());
        assertTrue(attempt.isCancelled());
    }

    @Test
    void aFailureAfterTheBudgetRanOutIsReportedAsTheBudget() {
        // As an attempt run by its caller ends: bounded by the time left, it fails when the budget is gone.
        CompletableFuture<String> result = run(Duration.ofMillis(100), n -> {
            sleep(300);
            return CompletableFuture.completedFuture(Retrying.Outcome.failed(unavailable()));
        });
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        NetworkException n = assertInstanceOf(NetworkException.class, e.getCause());
        assertTrue(n.getMessage().contains("within its time limit of 100 ms"), n.getMessage());
    }

    @Test
    void aFailureWithinTheBudgetIsReportedAsItself() {
        CompletableFuture<String> result = run(Duration.ofSeconds(30),
                n -> CompletableFuture.completedFuture(Retrying.Outcome.failed(unavailable())));
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(ServerErrorException.class, e.getCause());
    }

    @Test
    void anInterruptAfterTheBudgetRanOutStaysAnInterrupt() {
        CompletableFuture<String> result = run(Duration.ofMillis(100), n -> {
            sleep(300);
            return CompletableFuture.failedFuture(new InterruptedException("interrupted"));
        });
        ExecutionException e = assertThrows(ExecutionException.class, result::get);
        assertInstanceOf(InterruptedException.class, e.getCause());
    }

    @Test
    void aSuccessAfterTheBudgetRanOutIsStillASuccessButAFailureIsTheBudgets() throws Exception {
        assertEquals("late", run(Duration.ZERO, n -> CompletableFuture.completedFuture(
                Retrying.Outcome.done("late"))).get());
        for (CompletableFuture<Retrying.Outcome<String>> failing : List.of(
                CompletableFuture.completedFuture(Retrying.Outcome.<String>failed(unavailable())),
                CompletableFuture.<Retrying.Outcome<String>>failedFuture(new IllegalStateException("broken")))) {
            ExecutionException e = assertThrows(ExecutionException.class, run(Duration.ZERO, n -> failing)::get);
            NetworkException n = assertInstanceOf(NetworkException.class, e.getCause());
            assertTrue(n.getMessage().contains("within its time limit of 0 s"), n.getMessage());
        }
    }

    @Test
    void theLastAttemptsFailureEndsTheCall() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<ServerErrorException> failures = new CopyOnWriteArrayList<>();
        CompletableFuture<String> result = run(Duration.ofSeconds(30), n -> {
            attempts.add(n);
            failures.add(unavailable());
            return CompletableFuture.completedFuture(Retrying.Outcome.retry(failures.get(n - 1), "answered HTTP 503",
                    null));
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3), attempts, "as many as the policy allows");
        assertSame(failures.get(2), e.getCause());
    }

    /** Waits of seconds, so that they are still ahead when the test looks. */
    private <T> CompletableFuture<T> runSlowly(Executor executor, RetryListener listener, Retrying.Attempt<T> attempt) {
        return Retrying.run("the Seldon API", "GET", URL, new RetryPolicy(3, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(30)), Duration.ofMinutes(1), executor, listener, attempt);
    }

    @Test
    void cancellingTheCallWhileItWaitsForARetryCancelsTheWait() {
        int before = Retrying.scheduled();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        CompletableFuture<String> result = runSlowly(executor, RetryListener.NONE, n -> {
            attempts.add(n);
            return CompletableFuture.completedFuture(Retrying.Outcome.retry(unavailable(), "answered HTTP 503", null));
        });
        assertEquals(before + 2, Retrying.scheduled(), "the budget's timer and the wait");
        result.cancel(true);
        assertTrue(Retrying.scheduled() <= before, "neither is left");
        assertEquals(List.of(1), attempts);
    }

    @Test
    void aCallCancelledWhileItsRetryIsAnnouncedIsNotRetried() {
        int before = Retrying.scheduled();
        AtomicReference<CompletableFuture<String>> result = new AtomicReference<>();
        CompletableFuture<Retrying.Outcome<String>> first = new CompletableFuture<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        // As a build aborted while the retry's line is written to its log.
        result.set(runSlowly(executor, retry -> result.get().cancel(true), n -> {
            attempts.add(n);
            return first;
        }));
        first.complete(Retrying.Outcome.retry(unavailable(), "answered HTTP 503", null));
        assertTrue(result.get().isCancelled());
        assertTrue(Retrying.scheduled() <= before, "no wait is left for the retry");
        assertEquals(List.of(1), attempts);
    }

    @Test
    void aCancelledCallStartsNoRepeatAndCancelsOneStartingAsItWasCancelled() {
        List<Runnable> queued = new CopyOnWriteArrayList<>();
        AtomicReference<CompletableFuture<String>> result = new AtomicReference<>();
        List<CompletableFuture<Retrying.Outcome<String>>> started = new CopyOnWriteArrayList<>();
        // The first attempt asks to be repeated (as after a 401 with a fresh token), the repeat cancels the call as it
        // starts, as a concurrent abort would.
        result.set(runSlowly(queued::add, RetryListener.NONE, n -> {
            if (started.isEmpty()) {
                started.add(CompletableFuture.completedFuture(Retrying.Outcome.again()));
            } else {
                result.get().cancel(true);
                started.add(new CompletableFuture<>());
            }
            return started.get(started.size() - 1);
        }));
        assertEquals(1, queued.size(), "the repeat");
        queued.get(0).run();
        assertEquals(2, started.size());
        assertTrue(started.get(1).isCancelled(), "the attempt started as the call was cancelled");

        queued.clear();
        started.clear();
        CompletableFuture<String> cancelled = runSlowly(queued::add, RetryListener.NONE, n -> {
            started.add(CompletableFuture.completedFuture(Retrying.Outcome.again()));
            return started.get(0);
        });
        cancelled.cancel(true);
        queued.get(0).run();
        assertEquals(1, started.size(), "no repeat once the call was cancelled");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link InterruptWatch}: which watched calls its thread cancels, and when that thread runs. Each test has a watch of
 * its own; the calls are never sent, a cancelled call only shows {@link Call#isCanceled}.
 */
class InterruptWatchTest {

    private static final OkHttpClient CLIENT = new OkHttpClient();

    private final Set<Thread> before = watchThreads();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static Call call() {
        return CLIENT.newCall(new Request.Builder().url("http://127.0.0.1:9/never-sent").build());
    }

    private static long inAMinute() {
        return System.nanoTime() + Duration.ofMinutes(1).toNanos();
    }

    private static Set<Thread> watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(InterruptWatch.THREAD_NAME)).collect(Collectors.toSet());
    }

    /** The watch threads started by this test. */
    private Set<Thread> started() {
        Set<Thread> now = watchThreads();
        now.removeAll(before);
        return now;
    }

    /** Waits, without being stopped by this thread's interrupt flag, until {@code done} (or fails after 10 s). */
    private static void until(BooleanSupplier done, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() - end < 0, "not within 10 s: " + what);
            Thread.onSpinWait();
        }
    }

    /** A watch of a call run by a thread that is never interrupted. */
    private static InterruptWatch.Watch watchedElsewhere(InterruptWatch watch, Call call) throws InterruptedException {
        AtomicReference<InterruptWatch.Watch> w = new AtomicReference<>();
        Thread t = new Thread(() -> w.set(watch.watch(call, inAMinute())));
        t.start();
        t.join();
        return w.get();
    }

    @Test
    void theCallOfAnInterruptedThreadIsCancelledAndOnlyIt() throws Exception {
        InterruptWatch watch = new InterruptWatch(Duration.ofMinutes(1));
        Call quiet = call();
        watchedElsewhere(watch, quiet);
        Call interrupted = call();
        InterruptWatch.Watch w = watch.watch(interrupted, inAMinute());
        Thread.currentThread().interrupt();
        until(interrupted::isCanceled, "the interrupted thread's call is cancelled");
        Thread.interrupted();
        assertTrue(w.fired());
        assertFalse(w.expired());
        // A call past its deadline watched after that shows that a later pass left the quiet call alone.
        Call late = call();
        watch.watch(late, System.nanoTime());
        until(late::isCanceled, "a later pass");
        assertFalse(quiet.isCanceled(), "neither interrupted nor past its deadline");
    }

    @Test
    void aCallPastItsDeadlineIsCancelledAsExpired() {
        InterruptWatch watch = new InterruptWatch(Duration.ofMinutes(1));
        Call call = call();
        InterruptWatch.Watch w = watch.watch(call, System.nanoTime() + InterruptWatch.PERIOD.toNanos());
        until(call::isCanceled, "the call is cancelled at its deadline");
        assertTrue(w.expired());
        assertFalse(w.fired(), "its thread was not interrupted");
    }

    @Test
    void oneDaemonThreadWatchesAllCallsEndsWhenNoneIsLeftAndStartsAgainForTheNext() throws Exception {
        InterruptWatch watch = new InterruptWatch(Duration.ZERO);
        InterruptWatch.Watch first = watch.watch(call(), inAMinute());
        InterruptWatch.Watch second = watch.watch(call(), inAMinute());
        assertTrue(watch.running());
        Set<Thread> threads = started();
        assertEquals(1, threads.size(), "one thread for all calls");
        Thread thread = threads.iterator().next();
        assertTrue(thread.isDaemon(), "never keeps the JVM alive");
        first.close();
        second.close();
        thread.join(10_000);
        assertFalse(thread.isAlive(), "ends without calls to watch");
        assertFalse(watch.running());
        Call next = call();
        try (InterruptWatch.Watch w = watch.watch(next, System.nanoTime())) {
            until(next::isCanceled, "a new thread watches the next call");
            assertTrue(w.expired());
        }
    }

    @Test
    void theThreadWaitsItsLingerForTheNextCall() throws Exception {
        InterruptWatch watch = new InterruptWatch(Duration.ofMinutes(1));
        Call call = call();
        try (InterruptWatch.Watch w = watch.watch(call, System.nanoTime())) {
            until(call::isCanceled, "the call is cancelled at its deadline");
        }
        Thread thread = started().iterator().next();
        // Passes without calls go by.
        thread.join(3 * InterruptWatch.PERIOD.toMillis());
        assertTrue(thread.isAlive());
        assertTrue(watch.running());
        Call next = call();
        try (InterruptWatch.Watch w = watch.watch(next, System.nanoTime())) {
            until(next::isCanceled, "the same thread watches the next call");
        }
        assertEquals(Set.of(thread), started());
    }
}

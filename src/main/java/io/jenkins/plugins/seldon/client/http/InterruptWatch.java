package io.jenkins.plugins.seldon.client.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;

/**
 * Cancels the calls that threads run themselves ({@link HttpCalls#execute}) when such a thread is interrupted (OkHttp
 * does not notice an interrupt while it waits for the network, and an aborted build must not wait for a timeout) or
 * when the call's deadline has passed. One daemon thread looks at the watched calls every {@link #PERIOD} while there
 * are any, and ends after a minute without.
 */
final class InterruptWatch {

    static final Duration PERIOD = Duration.ofMillis(50);
    static final String THREAD_NAME = "Seldon client interrupt watch";

    /** The watch of every client. */
    static final InterruptWatch SHARED = new InterruptWatch(Duration.ofMinutes(1));

    private final Duration linger;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();

    /** @param linger how long its thread waits for a next call before it ends */
    InterruptWatch(Duration linger) {
        this.linger = linger;
    }

    /**
     * Watches the calling thread while it runs {@code call}, until {@code deadline} ({@link System#nanoTime}); close the
     * watch when the call has ended.
     */
    Watch watch(Call call, long deadline) {
        Watch w = new Watch(Thread.currentThread(), call, deadline);
        watched.add(w);
        if (!running.get() && running.compareAndSet(false, true)) {
            Thread t = new Thread(this::run, THREAD_NAME);
            t.setDaemon(true);
            t.start();
        }
        return w;
    }

    /** Whether its thread runs (or is about to). */
    boolean running() {
        return running.get();
    }

    private void run() {
        long idleSince = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; should anyone, the watched calls still need it.
                Thread.interrupted();
            }
            long now = System.nanoTime();
            for (Watch w : watched) {
                if (w.thread.isInterrupted()) {
                    w.fire();
                } else if (now - w.deadline >= 0) {
                    w.expire();
                }
            }
            if (!watched.isEmpty()) {
                idleSince = now;
            } else if (now - idleSince > linger.toNanos()) {
                running.set(false);
                // A call watched since the check above found running still set: this thread carries on for it.
                if (watched.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /** One call run by its own thread. */
    final class Watch implements AutoCloseable {
        private final Thread thread;
        private final Call call;
        private final long deadline;
        private volatile boolean fired;
        private volatile boolean expired;

        private Watch(Thread thread, Call call, long deadline) {
            this.thread = thread;
            this.call = call;
            this.deadline = deadline;
        }

        private void fire() {
            fired = true;
            call.cancel();
        }

        private void expire() {
            expired = true;
            call.cancel();
        }

        /** Whether the call was cancelled because its thread was interrupted. */
        boolean fired() {
            return fired;
        }

        /** Whether the call was cancelled because its deadline had passed. */
        boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}

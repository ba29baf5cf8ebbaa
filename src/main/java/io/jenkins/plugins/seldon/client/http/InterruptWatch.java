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
    private static final Duration LINGER = Duration.ofMinutes(1);

    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private InterruptWatch() {
    }

    /**
     * Watches the calling thread while it runs {@code call}, until {@code deadline} ({@link System#nanoTime}); close the
     * watch when the call has ended.
     */
    static Watch watch(Call call, long deadline) {
        Watch w = new Watch(Thread.currentThread(), call, deadline);
        WATCHED.add(w);
        if (!RUNNING.get() && RUNNING.compareAndSet(false, true)) {
            Thread t = new Thread(InterruptWatch::run, "Seldon client interrupt watch");
            t.setDaemon(true);
            t.start();
        }
        return w;
    }

    private static void run() {
        long idleSince = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; should anyone, the watched calls still need it.
                Thread.interrupted();
            }
            long now = System.nanoTime();
            for (Watch w : WATCHED) {
                if (w.thread.isInterrupted()) {
                    w.fire();
                } else if (now - w.deadline >= 0) {
                    w.expire();
                }
            }
            if (!WATCHED.isEmpty()) {
                idleSince = now;
            } else if (now - idleSince > LINGER.toNanos()) {
                RUNNING.set(false);
                // A call watched since the check above found RUNNING still set: this thread carries on for it.
                if (WATCHED.isEmpty() || !RUNNING.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /** One call run by its own thread. */
    static final class Watch implements AutoCloseable {
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
            WATCHED.remove(this);
        }
    }
}

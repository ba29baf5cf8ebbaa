package io.jenkins.plugins.seldon.client.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;

/**
 * Cancels the calls that threads run themselves ({@link HttpCalls#execute}) when such a thread is interrupted: OkHttp
 * does not notice an interrupt while it waits for the network, and an aborted build must not wait for a timeout. One
 * daemon thread looks at the watched threads every {@link #PERIOD} while there are any, and ends after a minute without.
 */
final class InterruptWatch {

    static final Duration PERIOD = Duration.ofMillis(50);
    private static final Duration LINGER = Duration.ofMinutes(1);

    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private InterruptWatch() {
    }

    /** Watches the calling thread while it runs {@code call}; close the watch when the call has ended. */
    static Watch watch(Call call) {
        Watch w = new Watch(Thread.currentThread(), call);
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
            for (Watch w : WATCHED) {
                if (w.thread.isInterrupted()) {
                    w.fire();
                }
            }
            long now = System.nanoTime();
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
        private volatile boolean fired;

        private Watch(Thread thread, Call call) {
            this.thread = thread;
            this.call = call;
        }

        private void fire() {
            fired = true;
            call.cancel();
        }

        /** Whether the call was cancelled because its thread was interrupted. */
        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            WATCHED.remove(this);
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.SeldonSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What the restart-safe waits share: blocking work (resolving credentials, reading the CA, recording credential use,
 * starting what is waited for) runs on a background thread, never on the CPS VM thread or the shared timer; each poll
 * is scheduled on the timer and starts one non-blocking read; the step completes exactly once; while Jenkins shuts down
 * nothing is scheduled, and {@link #onResume} starts again after the restart. Subclasses keep their own state plain and
 * serialisable, guarded by {@code this}.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "After a restart nothing is scheduled or in flight until onResume starts again")
abstract class PollingExecution extends GeneralNonBlockingStepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(PollingExecution.class.getName());

    /** The step's server, or null for the default, until first connected; then the one connected to. */
    @CheckForNull
    private volatile String server;
    @CheckForNull
    private final String credentialsId;

    private transient volatile boolean done;
    private transient Future<?> scheduled;
    private transient CompletableFuture<?> call;
    /** Opened once per controller session: credentials are resolved (and their use recorded) once, not per poll. */
    private transient volatile SeldonSession session;

    PollingExecution(StepContext context, @CheckForNull String server, @CheckForNull String credentialsId) {
        super(context);
        this.server = server;
        this.credentialsId = credentialsId;
    }

    @Override
    public final boolean start() {
        run(() -> begin(true));
        return false;
    }

    @Override
    public final void onResume() {
        run(() -> begin(false));
    }

    private void begin(boolean first) {
        try {
            SeldonSession s = SeldonSession.open(server, credentialsId, getContext().get(Run.class),
                    getContext().get(TaskListener.class));
            session = s;
            // A restart resumes on the same server, even if the default changed meanwhile.
            server = s.server().getName();
            begin(s, first);
        } catch (IOException | InterruptedException | RuntimeException e) {
            fail(e);
        }
    }

    /**
     * On a background thread, after connecting: starts what is waited for if that is still to do, then
     * {@link #schedule}s the first poll or completes the step.
     *
     * @param first false after a restart
     */
    abstract void begin(SeldonSession s, boolean first) throws IOException, InterruptedException;

    /** On the timer: starts one non-blocking read and {@link #track}s it, or does nothing when there is none to do. */
    abstract void poll(SeldonSession s) throws Exception;

    /** Polls after {@code delayMillis}, unless the step is done or Jenkins shuts down. */
    final synchronized void schedule(long delayMillis) {
        if (!done && !shuttingDown()) {
            scheduled = Timer.get().schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The failure a read completed with, without the wrapper of a future. */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException || error instanceof ExecutionException ? error.getCause() : error;
    }

    /**
     * Polls again after {@code pollMillis}, or at {@code deadline} when that comes first, having logged
     * {@code logLine} (if any) as a warning or as information.
     */
    final void pollAgain(SeldonSession s, String logLine, boolean warning, Instant deadline, long pollMillis) {
        if (logLine != null) {
            if (warning) {
                s.log().warn(logLine);
            } else {
                s.log().info(logLine);
            }
        }
        schedule(Math.max(0, Math.min(pollMillis, Duration.between(Instant.now(), deadline).toMillis())));
    }

    /** Anything unexpected ends the step rather than the polling. */
    private void tick() {
        try {
            SeldonSession s = session;
            if (s != null && !done && !shuttingDown()) {
                poll(s);
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /**
     * While Jenkins shuts down the program has been saved and {@link #onResume} polls again after the restart. Polling
     * on would also recreate the shared timer and complete the step from a stale execution.
     */
    private static boolean shuttingDown() {
        Jenkins j = Jenkins.getInstanceOrNull();
        return j == null || j.isTerminating();
    }

    /** The call in flight, cancelled when the step is stopped, also by a stop that came while it was being sent. */
    final synchronized void track(CompletableFuture<?> inFlight) {
        if (done) {
            inFlight.cancel(true);
        } else {
            call = inFlight;
        }
    }

    final boolean isDone() {
        return done;
    }

    /** Saves the program now, so that even after a crash a restart resumes from this state. */
    final void saveState(String what) {
        try {
            getContext().saveState().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.log(Level.WARNING, "Could not save the state of " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Completes the step with {@code result}, unless it is already complete. */
    final void complete(@CheckForNull Object result) {
        if (end()) {
            getContext().onSuccess(result);
        }
    }

    /** Fails the step with {@code failure}, unless it is already complete. */
    final void fail(Throwable failure) {
        if (end()) {
            getContext().onFailure(Failures.forBuild(failure));
        }
    }

    /** Whether this call ends the step: the context must be completed exactly once. */
    private synchronized boolean end() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        synchronized (this) {
            if (done) {
                // Already completed by a poll: the context must be completed exactly once.
                return;
            }
            done = true;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            if (call != null) {
                call.cancel(true);
            }
        }
        // Interrupts a connection or the blocking work under way, and fails the step with the cause.
        super.stop(cause);
    }
}

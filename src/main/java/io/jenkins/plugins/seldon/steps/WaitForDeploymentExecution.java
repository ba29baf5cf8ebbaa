package io.jenkins.plugins.seldon.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.Readiness;
import io.jenkins.plugins.seldon.operations.ResourceWait;
import io.jenkins.plugins.seldon.operations.WaitProgress;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The wait of {@link WaitForDeploymentStep}. Blocking work (resolving credentials, reading the CA, recording credential
 * use) runs on a background thread, never on the CPS VM thread or the shared timer; each poll is one non-blocking read
 * scheduled on the timer and evaluated on the HTTP client's thread. The saved state is plain: names, durations and the
 * serialisable progress with its absolute deadline, so a restart resumes the same wait.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "After a restart nothing is scheduled or in flight until onResume starts polling again")
final class WaitForDeploymentExecution extends GeneralNonBlockingStepExecution {

    private static final long serialVersionUID = 1L;

    private final String server;
    private final String credentialsId;
    private final long timeoutMillis;
    private final long pollMillis;
    private final Readiness readiness;
    /** Null until the wait has started; holds the absolute deadline. */
    private volatile WaitProgress progress;

    private transient volatile boolean done;
    private transient Future<?> scheduled;
    private transient CompletableFuture<ObjectNode> call;
    /** Opened once per controller session: credentials are resolved (and their use recorded) once, not per poll. */
    private transient volatile SeldonSession session;

    WaitForDeploymentExecution(StepContext context, String server, String credentialsId, String namespace, String name,
            Duration timeout, Duration pollInterval) {
        super(context);
        this.server = server;
        this.credentialsId = credentialsId;
        this.timeoutMillis = timeout.toMillis();
        this.pollMillis = pollInterval.toMillis();
        this.readiness = new Readiness(ResourceKind.SELDON_DEPLOYMENT, namespace, name);
    }

    @Override
    public boolean start() {
        run(() -> begin(true));
        return false;
    }

    @Override
    public void onResume() {
        run(() -> begin(false));
    }

    /** On a background thread: connects, and on the first start fixes the deadline; then schedules the first poll. */
    private void begin(boolean first) {
        try {
            SeldonSession s = SeldonSession.open(server, credentialsId, getContext().get(Run.class),
                    getContext().get(TaskListener.class));
            session = s;
            if (first || progress == null) {
                synchronized (this) {
                    progress = readiness.start(Instant.now(), Duration.ofMillis(timeoutMillis),
                            s.lastWrite(readiness.namespace(), readiness.name()));
                }
                s.log().info(Messages.WaitForDeploymentStep_waiting(progress.deadline(), readiness.namespace(),
                        readiness.name()));
            }
            schedule(0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            finish(null, e);
        }
    }

    private synchronized void schedule(long delayMillis) {
        if (!done && !shuttingDown()) {
            scheduled = Timer.get().schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
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

    /** On the timer: starts one non-blocking read, never blocking the timer thread. */
    private void poll() {
        SeldonSession s = session;
        if (done || shuttingDown() || s == null) {
            return;
        }
        CompletableFuture<ObjectNode> read = s.client().getAsync(ResourceKind.SELDON_DEPLOYMENT,
                readiness.namespace(), readiness.name());
        synchronized (this) {
            call = read;
        }
        read.whenComplete((resource, error) -> handle(s, resource, error));
    }

    private void handle(SeldonSession s, ObjectNode resource, Throwable error) {
        if (done) {
            return;
        }
        try {
            Readiness.Verdict verdict;
            synchronized (this) {
                Throwable cause = error instanceof CompletionException || error instanceof ExecutionException
                        ? error.getCause() : error;
                if (cause == null) {
                    verdict = readiness.evaluate(resource, progress, Instant.now());
                } else if (cause instanceof IOException io) {
                    verdict = readiness.evaluateError(io, progress, Instant.now());
                } else {
                    throw cause;
                }
                progress = verdict.next();
            }
            switch (verdict.status()) {
                case READY -> {
                    s.log().info(verdict.message());
                    finish(resource, null);
                }
                // With what the deployment's pods show, read once without blocking.
                case FAILED, TIMED_OUT -> ResourceWait.failure(s.client(), readiness, verdict)
                        .whenComplete((failure, unexpected) -> finish(null, failure != null ? failure : unexpected));
                default -> {
                    if (verdict.logLine() != null) {
                        if (verdict.warning()) {
                            s.log().warn(verdict.logLine());
                        } else {
                            s.log().info(verdict.logLine());
                        }
                    }
                    long untilDeadline = Duration.between(Instant.now(), progress.deadline()).toMillis();
                    schedule(Math.max(0, Math.min(pollMillis, untilDeadline)));
                }
            }
        } catch (Throwable t) {
            finish(null, t);
        }
    }

    /** Completes the step exactly once. */
    private void finish(@CheckForNull ObjectNode resource, @CheckForNull Throwable failure) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        if (failure == null) {
            getContext().onSuccess(PlainJson.toPlain(resource));
        } else {
            getContext().onFailure(Failures.forBuild(failure));
        }
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
        // Interrupts a connection being opened and fails the step with the cause.
        super.stop(cause);
    }

    @NonNull
    @Override
    public String getStatus() {
        WaitProgress p = progress;
        return Messages.WaitForDeploymentStep_status(readiness.namespace(), readiness.name(),
                p == null ? "-" : p.deadline(), p == null || p.lastSeen() == null ? "-" : p.lastSeen());
    }
}

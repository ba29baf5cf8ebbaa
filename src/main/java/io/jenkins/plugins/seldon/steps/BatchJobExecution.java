package io.jenkins.plugins.seldon.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.BatchJobWait;
import io.jenkins.plugins.seldon.operations.OperationFailedException;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.parameters.BatchJobParameters;
import java.io.IOException;
import java.io.ObjectOutputStream;
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
 * Starts a batch job and waits for its end as {@link WaitExecution} waits for resources: connecting and starting the
 * job run on a background thread, each poll is one non-blocking read scheduled on the shared timer, and the saved
 * state is plain (the parameters, the job's {@link BatchJobWait} and serialisable progress with its absolute deadline),
 * so a restart resumes the same wait. The job is never started twice: the state is saved before the request that
 * starts it, and a restart that finds it sent without an answer fails the step, saying to look at the job in the
 * platform's UI, rather than risk a second run.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "After a restart nothing is scheduled or in flight until onResume starts again")
final class BatchJobExecution extends GeneralNonBlockingStepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(BatchJobExecution.class.getName());

    /** The step's server, or null for the default, until first connected; then the one connected to. */
    @CheckForNull
    private volatile String server;
    private final String credentialsId;
    private final BatchJobParameters parameters;

    /** Guarded by this: set (and saved) before the request that starts the job. */
    private boolean starting;
    /** Guarded by this: null until the job was started. */
    private BatchJobWait job;
    private BatchJobWait.Progress progress;

    private transient volatile boolean done;
    private transient Future<?> scheduled;
    private transient CompletableFuture<?> call;
    /** Opened once per controller session: credentials are resolved (and their use recorded) once, not per poll. */
    private transient volatile SeldonSession session;

    BatchJobExecution(StepContext context, String server, String credentialsId, BatchJobParameters parameters) {
        super(context);
        this.server = server;
        this.credentialsId = credentialsId;
        this.parameters = parameters;
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

    /** On a background thread: connects, starts the job if that is still to do, starts polling. */
    private void begin(boolean first) {
        try {
            SeldonSession s = SeldonSession.open(server, credentialsId, getContext().get(Run.class),
                    getContext().get(TaskListener.class));
            session = s;
            // A restart resumes on the same server, even if the default changed meanwhile.
            server = s.server().getName();
            boolean toStart;
            synchronized (this) {
                if (job == null && starting && !first) {
                    throw new AbortException(Messages.BatchJobExecution_restarted(parameters.getKind().kind() + " "
                            + parameters.getNamespace() + "/" + parameters.getTarget()));
                }
                toStart = job == null;
                starting = toStart;
            }
            if (toStart) {
                saveState();
                BatchJobWait started = s.startBatchJob(parameters, getContext().get(FilePath.class));
                BatchJobWait.Progress p = started.start(Instant.now(), parameters.timeout());
                synchronized (this) {
                    job = started;
                    progress = p;
                    starting = false;
                }
                s.log().info(Messages.BatchJobExecution_waiting(started.subject(), p.deadline()));
                saveState();
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

    /** While Jenkins shuts down the program has been saved and {@link #onResume} polls again after the restart. */
    private static boolean shuttingDown() {
        Jenkins j = Jenkins.getInstanceOrNull();
        return j == null || j.isTerminating();
    }

    /** Saves the program now, so that even after a crash a restart knows whether the job was started. */
    private void saveState() {
        try {
            getContext().saveState().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.log(Level.WARNING, "Could not save the state of a Seldon batch job", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On the timer: starts one non-blocking read; anything unexpected ends the step rather than the polling. */
    private void poll() {
        try {
            SeldonSession s = session;
            BatchJobWait j;
            synchronized (this) {
                if (done || s == null || job == null) {
                    return;
                }
                j = job;
            }
            if (shuttingDown()) {
                return;
            }
            CompletableFuture<ObjectNode> read = s.client().batchJobAsync(j.kind(), j.namespace(), j.name(),
                    j.workflow());
            synchronized (this) {
                call = read;
            }
            read.whenComplete((answer, error) -> handle(s, j, answer, error));
        } catch (Throwable t) {
            finish(null, t);
        }
    }

    private void handle(SeldonSession s, BatchJobWait j, ObjectNode answer, Throwable error) {
        if (done) {
            return;
        }
        try {
            BatchJobWait.Verdict verdict;
            synchronized (this) {
                Throwable cause = error instanceof CompletionException || error instanceof ExecutionException
                        ? error.getCause() : error;
                if (cause == null) {
                    verdict = j.evaluate(answer, progress, Instant.now());
                } else if (cause instanceof IOException io) {
                    verdict = j.evaluateError(io, progress, Instant.now());
                } else {
                    throw cause;
                }
                progress = verdict.next();
            }
            switch (verdict.status()) {
                case SUCCEEDED -> {
                    s.log().info(verdict.message());
                    finish(PlainJson.toPlain(verdict.description()), null);
                }
                case FAILED, TIMED_OUT -> finish(null, new OperationFailedException(verdict.message()));
                default -> {
                    if (verdict.logLine() != null) {
                        if (verdict.warning()) {
                            s.log().warn(verdict.logLine());
                        } else {
                            s.log().info(verdict.logLine());
                        }
                    }
                    long untilDeadline;
                    synchronized (this) {
                        untilDeadline = Duration.between(Instant.now(), progress.deadline()).toMillis();
                    }
                    schedule(Math.max(0, Math.min(parameters.pollInterval().toMillis(), untilDeadline)));
                }
            }
        } catch (Throwable t) {
            finish(null, t);
        }
    }

    /** Completes the step exactly once: with {@code result} when {@code failure} is null. */
    private void finish(@CheckForNull Object result, @CheckForNull Throwable failure) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        if (failure == null) {
            getContext().onSuccess(result);
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
        // Interrupts a connection or a start under way, and fails the step with the cause.
        super.stop(cause);
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }

    @NonNull
    @Override
    public synchronized String getStatus() {
        if (job == null) {
            return Messages.BatchJobExecution_creating();
        }
        BatchJobWait.Progress p = progress;
        return Messages.BatchJobExecution_status(job.subject(), p == null ? "-" : p.deadline(),
                p == null || p.phase() == null ? "-" : p.phase());
    }
}

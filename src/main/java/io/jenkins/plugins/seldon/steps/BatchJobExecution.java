package io.jenkins.plugins.seldon.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.BatchJobWait;
import io.jenkins.plugins.seldon.operations.OperationFailedException;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.parameters.BatchJobParameters;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Starts a batch job and waits for its end as {@link WaitExecution} waits for resources: connecting and starting the
 * job run on a background thread, each poll is one non-blocking read scheduled on the shared timer, and the saved
 * state is plain (the parameters, the job's {@link BatchJobWait} and serialisable progress with its absolute deadline),
 * so a restart resumes the same wait. The job is never started twice: the state is saved before the request that
 * starts it, and a restart that finds it sent without an answer fails the step, saying to look at the job in the
 * platform's UI, rather than risk a second run.
 */
final class BatchJobExecution extends PollingExecution {

    private static final long serialVersionUID = 1L;

    private final BatchJobParameters parameters;

    /** Guarded by this: set (and saved) before the request that starts the job. */
    private boolean starting;
    /** Guarded by this: null until the job was started. */
    private BatchJobWait job;
    private BatchJobWait.Progress progress;

    BatchJobExecution(StepContext context, String server, String credentialsId, BatchJobParameters parameters) {
        super(context, server, credentialsId);
        this.parameters = parameters;
    }

    /** Starts the job if that is still to do, then polls. */
    @Override
    void begin(SeldonSession s, boolean first) throws IOException, InterruptedException {
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
            // Saved before the request, so that even after a crash a restart knows the job may have been started.
            saveState("a Seldon batch job");
            BatchJobWait started = s.startBatchJob(parameters, getContext().get(FilePath.class));
            BatchJobWait.Progress p = started.start(Instant.now(), parameters.timeout());
            synchronized (this) {
                job = started;
                progress = p;
                starting = false;
            }
            s.log().info(Messages.BatchJobExecution_waiting(started.subject(), p.deadline()));
            saveState("a Seldon batch job");
        }
        schedule(0);
    }

    @Override
    void poll(SeldonSession s) {
        BatchJobWait j;
        synchronized (this) {
            if (job == null) {
                return;
            }
            j = job;
        }
        CompletableFuture<ObjectNode> read = s.client().batchJobAsync(j.kind(), j.namespace(), j.name(),
                j.workflow());
        track(read);
        read.whenComplete((answer, error) -> handle(s, j, answer, error));
    }

    private void handle(SeldonSession s, BatchJobWait j, ObjectNode answer, Throwable error) {
        if (isDone()) {
            return;
        }
        try {
            BatchJobWait.Verdict verdict;
            synchronized (this) {
                Throwable cause = unwrap(error);
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
                    complete(PlainJson.toPlain(verdict.description()));
                }
                case FAILED, TIMED_OUT -> fail(new OperationFailedException(verdict.message()));
                default -> pollAgain(s, verdict.logLine(), verdict.warning(), verdict.next().deadline(),
                        parameters.pollInterval().toMillis());
            }
        } catch (Throwable t) {
            fail(t);
        }
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

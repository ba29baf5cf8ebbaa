package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, one poll at a time, whether a batch job (an Argo Workflow) has reached a terminal phase, as
 * {@link Readiness} does for resources: no loop, thread or connection of its own. A freestyle step polls through
 * {@link BatchJobs#await}, a Pipeline step on a timer; both feed each answer of {@code GET .../batchjobs/<workflow>}
 * (or the failed read) with the {@link Progress} of the previous call, and stop when the verdict is done.
 *
 * <ul>
 *   <li>{@code Succeeded} ends the wait; {@code Failed} and {@code Error} fail it, naming the phase and the workflow;
 *       {@code ""}, {@code Pending}, {@code Running} and phases Argo may add are pending.</li>
 *   <li>A job not found within {@value #NOT_FOUND_GRACE_SECONDS} seconds of the start may not be visible yet; later,
 *       it is a failure.</li>
 *   <li>A read that fails for a reason that may pass (network, 5xx) is pending until the deadline; any other failure is
 *       rethrown.</li>
 *   <li>At the deadline the wait fails; the job itself goes on (the API cannot stop it), which the message says.</li>
 * </ul>
 * Immutable and serialisable, as is its progress, so that a Pipeline step resumes after a restart with the same
 * absolute deadline.
 */
public final class BatchJobWait implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int NOT_FOUND_GRACE_SECONDS = 60;
    private static final Set<String> FAILED = Set.of("Failed", "Error");
    private static final String SUCCEEDED = "Succeeded";

    private final ResourceKind kind;
    private final String namespace;
    private final String name;
    private final String workflow;

    /** @param workflow the job's {@code workflowName}, as its creation answered */
    public BatchJobWait(ResourceKind kind, String namespace, String name, String workflow) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.workflow = Objects.requireNonNull(workflow, "workflow");
    }

    public ResourceKind kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    /** The SeldonDeployment or Pipeline the job runs for. */
    public String name() {
        return name;
    }

    public String workflow() {
        return workflow;
    }

    /** E.g. {@code batch job seldon-batch-x7 of SeldonDeployment models/iris}. */
    public String subject() {
        return "batch job " + workflow + " of " + ResourceOperations.subject(kind, namespace, name);
    }

    /** What a wait has seen so far; immutable and serialisable, with an absolute deadline. */
    public static final class Progress implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long startedEpochMillis;
        private final long deadlineEpochMillis;
        private final String phase;
        private final String lastLogged;

        Progress(long startedEpochMillis, long deadlineEpochMillis, String phase, String lastLogged) {
            this.startedEpochMillis = startedEpochMillis;
            this.deadlineEpochMillis = deadlineEpochMillis;
            this.phase = phase;
            this.lastLogged = lastLogged;
        }

        public Instant deadline() {
            return Instant.ofEpochMilli(deadlineEpochMillis);
        }

        /** The phase the last poll showed, or {@code null} before any. */
        public String phase() {
            return phase;
        }
    }

    /**
     * The outcome of one poll.
     *
     * @param description the job's {@code Description} as this poll read it (its phase, times and names); an empty
     *     object when the read failed
     */
    public record Verdict(Status status, String message, String logLine, boolean warning, Progress next,
            ObjectNode description) {

        /** SUCCEEDED, FAILED and TIMED_OUT end the wait. */
        public enum Status {
            SUCCEEDED,
            PENDING,
            FAILED,
            TIMED_OUT
        }

        public boolean done() {
            return status != Status.PENDING;
        }
    }

    /** Starts a wait of {@code timeout} from {@code now}. */
    public Progress start(Instant now, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout must not be negative, got " + timeout);
        }
        long deadline;
        try {
            deadline = now.plus(timeout).toEpochMilli();
        } catch (ArithmeticException | java.time.DateTimeException e) {
            deadline = Long.MAX_VALUE;
        }
        return new Progress(now.toEpochMilli(), deadline, null, null);
    }

    /** Evaluates one answer ({@code BatchJobGetResponse}). */
    public Verdict evaluate(JsonNode job, Progress progress, Instant now) {
        ObjectNode description = job.path("Description") instanceof ObjectNode d ? d : Json.object();
        String phase = description.path("workflowStatus").asText("");
        Progress next = new Progress(progress.startedEpochMillis, progress.deadlineEpochMillis, phase,
                progress.lastLogged);
        String shown = phase.isEmpty() ? "not started yet" : phase;
        if (phase.equals(SUCCEEDED)) {
            return new Verdict(Verdict.Status.SUCCEEDED, capitalised(subject()) + " succeeded" + times(description),
                    null, false, next, description);
        }
        if (FAILED.contains(phase)) {
            return new Verdict(Verdict.Status.FAILED, capitalised(subject()) + " ended in phase " + phase
                    + times(description) + ". Its logs are in Argo Workflows (workflow " + workflow + ").", null, false,
                    next, description);
        }
        if (pastDeadline(progress, now)) {
            return timedOut(next, now, description);
        }
        return pending(capitalised(subject()) + ": " + shown, next, false, description);
    }

    /**
     * Evaluates a failed read.
     *
     * @throws IOException {@code error} itself when waiting cannot help (authentication, permission...)
     */
    public Verdict evaluateError(IOException error, Progress progress, Instant now) throws IOException {
        boolean notFound = error instanceof NotFoundException;
        if (!notFound && !(error instanceof NetworkException || error instanceof ServerErrorException)) {
            throw error;
        }
        if (notFound && now.toEpochMilli() - progress.startedEpochMillis > NOT_FOUND_GRACE_SECONDS * 1000L) {
            return new Verdict(Verdict.Status.FAILED, capitalised(subject()) + " was not found: "
                    + Readiness.clean(error.getMessage()), null, false, progress, Json.object());
        }
        if (pastDeadline(progress, now)) {
            return timedOut(progress, now, Json.object());
        }
        return pending(capitalised(subject()) + ": " + (notFound ? "not visible yet"
                : "could not read its phase (" + Readiness.clean(error.getMessage()) + "); will retry"), progress,
                !notFound, Json.object());
    }

    private Verdict timedOut(Progress progress, Instant now, ObjectNode description) {
        return new Verdict(Verdict.Status.TIMED_OUT, "Timed out after "
                + Readiness.human(Duration.ofMillis(now.toEpochMilli() - progress.startedEpochMillis))
                + " waiting for " + subject() + " to finish; last phase: "
                + (progress.phase == null ? "unknown" : progress.phase.isEmpty() ? "not started" : progress.phase)
                + ". The job goes on: the API cannot stop it; follow it in the platform's UI or Argo Workflows.",
                null, false, progress, description);
    }

    private Verdict pending(String line, Progress progress, boolean warning, ObjectNode description) {
        String cleaned = Readiness.clean(line);
        boolean changed = !cleaned.equals(progress.lastLogged);
        Progress next = new Progress(progress.startedEpochMillis, progress.deadlineEpochMillis, progress.phase,
                cleaned);
        return new Verdict(Verdict.Status.PENDING, cleaned, changed ? cleaned : null, warning, next, description);
    }

    private static String times(JsonNode description) {
        String started = description.path("StartedAt").asText("");
        String finished = description.path("FinishedAt").asText("");
        if (started.isEmpty() && finished.isEmpty()) {
            return "";
        }
        return " (" + (started.isEmpty() ? "" : "started " + started) + (started.isEmpty() || finished.isEmpty()
                ? "" : ", ") + (finished.isEmpty() ? "" : "finished " + finished) + ")";
    }

    private static boolean pastDeadline(Progress progress, Instant now) {
        return now.toEpochMilli() >= progress.deadlineEpochMillis;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

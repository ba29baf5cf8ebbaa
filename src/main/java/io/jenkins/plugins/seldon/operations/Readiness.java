package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import java.io.IOException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides, one poll at a time, whether a resource of any kind has become ready. It holds no loop, thread or
 * connection: the freestyle step polls through {@link ResourceWait}, the Pipeline step on a timer with non-blocking
 * reads; both feed each result to {@link #evaluate} (or a failed read to {@link #evaluateError}) together with the
 * {@link WaitProgress} returned by the previous call, and stop when the verdict {@linkplain Verdict#done() is done}.
 *
 * <p>What ready and failed mean, from how the operators report status:
 * <ul>
 *   <li>SeldonDeployment (Seldon Core v1): {@code status.state} {@code Available} is ready, {@code Failed} has failed;
 *       the failure names {@code status.description}, the conditions that are not {@code True} and the Kubernetes
 *       Deployments that lack replicas.</li>
 *   <li>Pipeline, Model, Experiment (Seldon Core v2): the {@code Ready} condition {@code True} is ready. A Pipeline
 *       has failed when {@code PipelineReady} or {@code PipelineGwReady} is {@code False} with reason
 *       {@code PipelineFailed}; a Model when {@code ModelReady} is {@code False} with message {@code ModelFailed} or
 *       {@code ScheduleFailed} (the Model operator puts the state in the message and the scheduler's words in the
 *       reason). An Experiment has no failure state: it is ready or, at the deadline, timed out. Failures and
 *       timeouts list every condition that is not {@code True}, with its reason and message.</li>
 * </ul>
 * The rules common to all kinds:
 * <ul>
 *   <li>Right after our own update, the status may still describe the previous revision: no operator maintains
 *       {@code status.observedGeneration}, so nothing in the resource says which revision the status belongs to.
 *       Until a poll has shown a different status (another state; for Core v2, any change in the conditions,
 *       including a transition time), or the stale-status grace period (default 10 s) has passed since the update,
 *       ready is not trusted and a failure is not counted. A real rollout changes the status within a reconcile or
 *       two; an update that changes nothing the operator acts on keeps it, and the grace period ends that wait
 *       quickly. Comparing condition timestamps with our clock was rejected: they come from the cluster's clock.</li>
 *   <li>A failure must be seen on {@code failedPolls} consecutive polls (default 3): operators also report transient
 *       errors, such as a webhook timeout or a model not scheduled yet, and recover on the next reconcile.</li>
 *   <li>A 404 within the not-found grace period (default 2 min) after our own create is pending, not gone: in a GitOps
 *       namespace the create lands in git and reaches the cluster only after the sync. Otherwise a 404 fails.</li>
 *   <li>Past the deadline the wait fails, naming what the last poll showed.</li>
 *   <li>A failed read that may be transient (network trouble, a 5xx) is pending until the deadline; any other error
 *       (authentication, permission...) is rethrown at once.</li>
 * </ul>
 *
 * <p>A non-blocking caller (the Pipeline step) keeps the readiness and the latest progress as fields:
 * <pre>{@code
 * progress = readiness.start(clock.instant(), timeout, lastWrite);        // persisted with the step
 * // on each timer tick:
 * client.getAsync(readiness.kind(), ns, name).whenComplete((resource, error) -> {
 *     Verdict v = error == null
 *             ? readiness.evaluate(resource, progress, clock.instant())
 *             : readiness.evaluateError(ioCauseOf(error), progress, clock.instant()); // may rethrow
 *     progress = v.next();
 *     // log v.logLine() if not null; stop when v.done(), failing with ResourceWait.failure(client, readiness, v)
 *     // (which adds what the Kubernetes resources of a SeldonDeployment show), else schedule the next tick
 * });
 * }</pre>
 *
 * <p>Immutable and serialisable, so a Pipeline step may keep it as a field.
 */
public final class Readiness implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int DEFAULT_FAILED_POLLS = 3;
    private static final Duration DEFAULT_STALE_STATUS_GRACE = Duration.ofSeconds(10);
    private static final Duration DEFAULT_NOT_FOUND_GRACE = Duration.ofMinutes(2);

    static final String AVAILABLE = "Available";
    static final String FAILED = "Failed";
    private static final String TRUE = "True";
    /** Messages are cut here: a description can carry a whole stack trace. */
    private static final int MAX_LINE = 800;

    private final ResourceKind kind;
    private final String namespace;
    private final String name;
    private final int failedPolls;
    private final Duration staleStatusGrace;
    private final Duration notFoundGrace;

    /**
     * With the default thresholds.
     *
     * @param name for an Experiment, the name of its main pipeline, by which the API reads it
     */
    public Readiness(ResourceKind kind, String namespace, String name) {
        this(kind, namespace, name, DEFAULT_FAILED_POLLS, DEFAULT_STALE_STATUS_GRACE, DEFAULT_NOT_FOUND_GRACE);
    }

    /**
     * @param name for an Experiment, the name of its main pipeline, by which the API reads it
     * @param failedPolls how many consecutive failed polls fail the wait (at least 1)
     * @param staleStatusGrace how long after our update an unchanged status may still be the previous revision's
     * @param notFoundGrace how long after our create a 404 is taken as a pending GitOps sync
     */
    public Readiness(ResourceKind kind, String namespace, String name, int failedPolls, Duration staleStatusGrace,
            Duration notFoundGrace) {
        if (failedPolls < 1) {
            throw new IllegalArgumentException("failedPolls must be at least 1, got " + failedPolls);
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.failedPolls = failedPolls;
        this.staleStatusGrace = requireNonNegative(staleStatusGrace, "staleStatusGrace");
        this.notFoundGrace = requireNonNegative(notFoundGrace, "notFoundGrace");
    }

    public ResourceKind kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    /** The name the resource is read by: for an Experiment, its main pipeline's. */
    public String name() {
        return name;
    }

    /**
     * Starts a wait.
     *
     * @param timeout how long to wait from {@code now}
     * @param lastWrite our write just before this wait (from {@link ResourceOperations.ApplyResult#write()}), or
     *     {@code null} when the wait is not right after one of ours
     */
    public WaitProgress start(Instant now, Duration timeout, LastWrite lastWrite) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout must not be negative, got " + timeout);
        }
        return new WaitProgress(now.toEpochMilli(), saturatedPlus(now, timeout), lastWrite, null, false, 0, null, null);
    }

    /**
     * Evaluates one successful read.
     *
     * @param resource the resource as read, or {@code null} when the API said it does not exist
     */
    public Verdict evaluate(JsonNode resource, WaitProgress progress, Instant now) {
        if (resource == null) {
            return notFound(progress, now);
        }
        Observation seen = kind.isCoreV2() ? observeConditions(resource.path("status")) : observeState(resource);

        String firstState = progress.firstState == null ? seen.state() : progress.firstState;
        boolean stateChanged = progress.stateChanged || !seen.state().equals(firstState);
        boolean maybeStale = progress.lastWrite != null && progress.lastWrite.kind() == LastWrite.Kind.UPDATED
                && !stateChanged && now.isBefore(progress.lastWrite.at().plus(staleStatusGrace));

        int failed = seen.failure() != null && !maybeStale ? progress.consecutiveFailed + 1 : 0;
        WaitProgress next = new WaitProgress(progress.startedEpochMillis, progress.deadlineEpochMillis,
                progress.lastWrite, firstState, stateChanged, failed, seen.text(), progress.lastLogged);

        if (seen.ready() && !maybeStale) {
            return terminal(Verdict.Status.READY, capitalised(subject()) + " is " + readyWord(), next, false);
        }
        if (failed >= failedPolls) {
            return terminal(Verdict.Status.FAILED, capitalised(subject()) + " failed: " + seen.failure(), next, false);
        }
        if (isPastDeadline(progress, now)) {
            return timedOut(next, now);
        }
        String line;
        if (maybeStale) {
            line = capitalised(subject()) + ": the status still shows " + seen.text() + " from before the update;"
                    + " waiting for the operator to pick up the change";
        } else if (seen.failure() != null) {
            line = capitalised(subject()) + ": " + seen.text() + " (" + failed + " of " + failedPolls + " consecutive"
                    + " polls; waiting in case it is a transient reconcile error)";
        } else {
            line = capitalised(subject()) + ": " + seen.text();
        }
        return pending(line, next);
    }

    /**
     * What one poll showed: a {@code state} that changes whenever the status does (for the stale-status rule), a
     * short {@code text} for the log, whether it is ready, and why it failed ({@code null} unless it did).
     */
    private record Observation(String state, String text, boolean ready, String failure) {}

    /** A SeldonDeployment: {@code status.state}. */
    private static Observation observeState(JsonNode resource) {
        JsonNode status = resource.path("status");
        String state = text(status.path("state"));
        String description = text(status.path("description"));
        String seen = state.isEmpty() ? "no status yet" : state + (description.isEmpty() ? "" : ": " + description);
        String failure = state.equals(FAILED) ? failureDetails(status, description) : null;
        return new Observation(state, seen, state.equals(AVAILABLE), failure);
    }

    /** A Core v2 resource: its conditions. */
    private Observation observeConditions(JsonNode status) {
        StringBuilder state = new StringBuilder();
        List<String> notTrue = new ArrayList<>();
        boolean failed = false;
        boolean ready = false;
        for (JsonNode condition : status.path("conditions")) {
            String type = text(condition.path("type"));
            String conditionStatus = text(condition.path("status"));
            String reason = text(condition.path("reason"));
            String message = text(condition.path("message"));
            state.append(type).append('=').append(conditionStatus).append('/').append(reason).append('/')
                    .append(message).append('@').append(text(condition.path("lastTransitionTime"))).append(';');
            if (type.equals("Ready") && conditionStatus.equals(TRUE)) {
                ready = true;
            }
            if (!conditionStatus.equals(TRUE)) {
                String detail = join(reason, message);
                String line = type + " " + (conditionStatus.isEmpty() ? "Unknown" : conditionStatus)
                        + (detail.isEmpty() ? "" : ": " + detail);
                notTrue.add(line);
                failed |= conditionStatus.equals("False") && isFailure(type, reason, message);
            }
        }
        String seen;
        if (state.length() == 0) {
            seen = "no status yet";
        } else if (ready) {
            seen = "Ready";
        } else {
            seen = notTrue.isEmpty() ? "no Ready condition yet" : String.join("; ", notTrue);
        }
        return new Observation(state.toString(), seen, ready, failed ? seen : null);
    }

    /** The failure states of the Core v2 operators; see the class comment. */
    private boolean isFailure(String type, String reason, String message) {
        return switch (kind) {
            case PIPELINE -> (type.equals("PipelineReady") || type.equals("PipelineGwReady"))
                    && reason.equals("PipelineFailed");
            case MODEL -> type.equals("ModelReady") && (message.equals("ModelFailed") || message.equals("ScheduleFailed"));
            default -> false;
        };
    }

    private String readyWord() {
        return kind.isCoreV2() ? "Ready" : AVAILABLE;
    }

    /**
     * Evaluates a failed read. A {@link NotFoundException} is the same as {@code evaluate(null, ...)}; a network
     * failure or a server error is pending (logged as a warning) until the deadline.
     *
     * @throws IOException {@code error} itself when retrying cannot help, e.g. authentication or permission errors
     */
    public Verdict evaluateError(IOException error, WaitProgress progress, Instant now) throws IOException {
        if (error instanceof NotFoundException) {
            return notFound(progress, now);
        }
        if (!(error instanceof NetworkException || error instanceof ServerErrorException)) {
            throw error;
        }
        if (isPastDeadline(progress, now)) {
            return timedOut(progress, now);
        }
        String line = capitalised(subject()) + ": could not read the status (" + clean(error.getMessage())
                + "); will retry";
        return pending(line, progress).asWarning();
    }

    private Verdict notFound(WaitProgress progress, Instant now) {
        LastWrite write = progress.lastWrite;
        boolean syncPending = write != null && write.kind() == LastWrite.Kind.CREATED
                && now.isBefore(write.at().plus(notFoundGrace));
        WaitProgress next = new WaitProgress(progress.startedEpochMillis, progress.deadlineEpochMillis,
                progress.lastWrite, progress.firstState, progress.stateChanged, 0, "not found", progress.lastLogged);
        if (!syncPending) {
            String why = write != null && write.kind() == LastWrite.Kind.CREATED
                    ? " (still absent " + human(Duration.between(write.at(), now)) + " after it was created)"
                    : "";
            return terminal(Verdict.Status.FAILED, capitalised(subject()) + " not found" + why, next, true);
        }
        if (isPastDeadline(progress, now)) {
            return timedOut(next, now);
        }
        return pending(capitalised(subject()) + ": not found yet; in a GitOps namespace it appears after the next sync",
                next);
    }

    private Verdict timedOut(WaitProgress next, Instant now) {
        String last = next.lastSeen == null ? "nothing could be read" : "last seen: " + next.lastSeen;
        return terminal(Verdict.Status.TIMED_OUT, "Timed out after "
                + human(Duration.between(next.started(), now)) + " waiting for " + subject()
                + " to become " + readyWord() + "; " + last, next, "not found".equals(next.lastSeen));
    }

    private Verdict pending(String line, WaitProgress next) {
        String cleaned = clean(line);
        boolean changed = !cleaned.equals(next.lastLogged);
        WaitProgress logged = new WaitProgress(next.startedEpochMillis, next.deadlineEpochMillis, next.lastWrite,
                next.firstState, next.stateChanged, next.consecutiveFailed, next.lastSeen, cleaned);
        return new Verdict(Verdict.Status.PENDING, cleaned, changed ? cleaned : null, false, false, logged);
    }

    private static Verdict terminal(Verdict.Status status, String message, WaitProgress next, boolean absent) {
        String cleaned = clean(message);
        return new Verdict(status, cleaned, cleaned, false, absent, next);
    }

    /** E.g. {@code Pipeline staging/iris}, {@code the experiment of Pipeline staging/main}. */
    public String subject() {
        return kind == ResourceKind.EXPERIMENT ? "the experiment of Pipeline " + namespace + "/" + name
                : kind.kind() + " " + namespace + "/" + name;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static boolean isPastDeadline(WaitProgress progress, Instant now) {
        return now.toEpochMilli() >= progress.deadlineEpochMillis;
    }

    /** {@code status.description}, then conditions that are not True, then Kubernetes Deployments short of replicas. */
    static String failureDetails(JsonNode status, String description) {
        List<String> parts = new ArrayList<>();
        parts.add(description.isEmpty() ? "no description given" : description);
        for (JsonNode condition : status.path("conditions")) {
            String conditionStatus = text(condition.path("status"));
            if (!conditionStatus.isEmpty() && !conditionStatus.equals("True")) {
                String detail = join(text(condition.path("reason")), text(condition.path("message")));
                parts.add(text(condition.path("type")) + " " + conditionStatus + (detail.isEmpty() ? "" : ": " + detail));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = status.path("deploymentStatus").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode deployment = entry.getValue();
            String detail = join(text(deployment.path("status")), text(deployment.path("description")));
            JsonNode replicas = deployment.path("replicas");
            JsonNode available = deployment.path("availableReplicas");
            if (available.asLong(0) < replicas.asLong(0)) {
                detail = join(detail, available.asLong(0) + "/" + replicas.asLong() + " replicas available");
            }
            if (!detail.isEmpty() && !detail.equals("Available")) {
                parts.add("deployment " + entry.getKey() + ": " + detail);
            }
        }
        return String.join("; ", parts);
    }

    /** {@code a: b}, or the one that is not empty, or {@code a} alone when both say the same. */
    static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.equals(b) ? a : a + ": " + b;
    }

    /** A value's text, stripped; empty for what is missing, not a value, or JSON null (which would print "null"). */
    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText().strip() : "";
    }

    /** One line, bounded length: server text must not break or flood the log. */
    static String clean(String text) {
        String oneLine = text == null ? "" : text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return oneLine.length() <= MAX_LINE ? oneLine : oneLine.substring(0, MAX_LINE) + "...";
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
        }
        return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
    }

    private static long saturatedPlus(Instant now, Duration timeout) {
        try {
            return now.plus(timeout).toEpochMilli();
        } catch (ArithmeticException | DateTimeException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Duration requireNonNegative(Duration value, String what) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + value);
        }
        return value;
    }

    /** The outcome of one poll. */
    public static final class Verdict {

        /** READY, FAILED and TIMED_OUT end the wait; PENDING means poll again. */
        public enum Status {
            /** SeldonDeployment {@code Available}; Core v2 {@code Ready}. */
            READY,
            PENDING,
            FAILED,
            TIMED_OUT
        }

        private final Status status;
        private final String message;
        private final String logLine;
        private final boolean warning;
        private final boolean absent;
        private final WaitProgress next;

        Verdict(Status status, String message, String logLine, boolean warning, boolean absent, WaitProgress next) {
            this.status = status;
            this.message = message;
            this.logLine = logLine;
            this.warning = warning;
            this.absent = absent;
            this.next = next;
        }

        Verdict asWarning() {
            return new Verdict(status, message, logLine, true, absent, next);
        }

        public Status status() {
            return status;
        }

        /** Whether the wait is over (successfully or not). */
        public boolean done() {
            return status != Status.PENDING;
        }

        /** One line describing the outcome, e.g. the failure reason; never {@code null}. */
        public String message() {
            return message;
        }

        /**
         * The line to write to the build log now, or {@code null} when a pending wait shows nothing new (so a long
         * wait does not repeat the same line every poll). Always set when the wait is done.
         */
        public String logLine() {
            return logLine;
        }

        /** Whether {@link #logLine()} is a warning (a read failed and will be retried). */
        public boolean warning() {
            return warning;
        }

        /** Whether the wait ended because the resource does not exist (so there is nothing more to ask about it). */
        public boolean absent() {
            return absent;
        }

        /** The progress to pass to the next evaluation. */
        public WaitProgress next() {
            return next;
        }

        @Override
        public String toString() {
            return status + ": " + message;
        }
    }
}

package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Waits for a resource of any kind to become ready by polling in the calling thread: the freestyle build step's loop
 * around {@link Readiness}, which holds all the rules. (The Pipeline step polls on a timer instead and must not block;
 * it uses {@code Readiness} directly, and {@link #failure} for the exception that ends a failed wait.) An interrupt,
 * i.e. an aborted build, ends the wait at once with {@link InterruptedException}.
 *
 * <p>When a wait fails or times out, the exception says why: the resource's own status (for Core v2, every condition
 * that is not {@code True}), and for a SeldonDeployment what its Kubernetes resources show ({@link
 * DeploymentResources}), read once at the end.
 */
public final class ResourceWait {

    /** Reads the resource; throws {@code NotFoundException} when it does not exist. */
    @FunctionalInterface
    interface Reader {
        ObjectNode read(ResourceKind kind, String namespace, String name) throws IOException, InterruptedException;
    }

    /** Sleeps interruptibly; {@code Thread::sleep} in production, a fake clock in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Why a wait ended without the resource becoming ready: {@link #failure}, in production. */
    @FunctionalInterface
    interface Explainer {
        CompletableFuture<NotReadyException> explain(Readiness readiness, Readiness.Verdict verdict);
    }

    /** How often the resource is read when the caller does not say. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MIN_SLEEP = Duration.ofMillis(1);

    private final Reader reader;
    private final Explainer explainer;
    private final LogSink log;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Polls with {@link SeldonClient#get}, sleeping with {@link Thread#sleep(long)}. */
    public ResourceWait(SeldonClient client, LogSink log, Clock clock) {
        this(client::get, (readiness, verdict) -> failure(client, readiness, verdict), log, clock,
                duration -> Thread.sleep(duration.toMillis()));
    }

    ResourceWait(Reader reader, Explainer explainer, LogSink log, Clock clock, Sleeper sleeper) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Polls until the resource is ready, has failed, or the timeout has passed. Progress is logged only when it
     * changes.
     *
     * @param name for an Experiment, the name of its main pipeline
     * @param lastWrite our write just before this wait ({@link ResourceOperations.ApplyResult#write()}), or
     *     {@code null}
     * @return the resource as last read, once ready
     * @throws NotReadyException when it failed, was not found, or the timeout passed
     * @throws InvalidInputException for an invalid namespace or name, before any request
     * @throws IOException a read error that retrying cannot fix (authentication, permission...)
     */
    public ObjectNode run(ResourceKind kind, String namespace, String name, Duration timeout, Duration pollInterval,
            LastWrite lastWrite) throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        Names.checkName(kind == ResourceKind.EXPERIMENT ? ResourceKind.PIPELINE : kind, name);
        return run(new Readiness(kind, namespace, name), timeout, pollInterval, lastWrite);
    }

    /** As {@link #run(ResourceKind, String, String, Duration, Duration, LastWrite)}, with non-default thresholds. */
    public ObjectNode run(Readiness readiness, Duration timeout, Duration pollInterval, LastWrite lastWrite)
            throws IOException, InterruptedException {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive, got " + pollInterval);
        }
        WaitProgress progress = readiness.start(clock.instant(), timeout, lastWrite);
        log.info("Waiting up to " + Readiness.human(timeout) + " for " + readiness.subject() + " to become "
                + (readiness.kind().isCoreV2() ? "Ready" : Readiness.AVAILABLE));
        while (true) {
            ObjectNode resource = null;
            Readiness.Verdict verdict;
            try {
                resource = reader.read(readiness.kind(), readiness.namespace(), readiness.name());
                verdict = readiness.evaluate(resource, progress, clock.instant());
            } catch (IOException e) {
                verdict = readiness.evaluateError(e, progress, clock.instant());
            }
            if (verdict.logLine() != null && verdict.status() == Readiness.Verdict.Status.PENDING) {
                if (verdict.warning()) {
                    log.warn(verdict.logLine());
                } else {
                    log.info(verdict.logLine());
                }
            }
            switch (verdict.status()) {
                case READY:
                    log.info(verdict.message());
                    return resource;
                case FAILED:
                case TIMED_OUT:
                    throw await(explainer.explain(readiness, verdict));
                default:
                    progress = verdict.next();
            }
            // The last poll falls on the deadline rather than up to one interval after it.
            Duration untilDeadline = Duration.between(clock.instant(), progress.deadline());
            sleeper.sleep(untilDeadline.compareTo(pollInterval) >= 0 ? pollInterval : max(untilDeadline, MIN_SLEEP));
        }
    }

    /**
     * The exception that ends a wait whose verdict is {@link Readiness.Verdict.Status#FAILED} or
     * {@link Readiness.Verdict.Status#TIMED_OUT}, without blocking: the verdict's message, and for a SeldonDeployment
     * that still exists what its Kubernetes resources show, read once ({@code GET .../resources}). The future never
     * fails: when the resources cannot be read, the message says so. Cancelling it cancels that read.
     */
    public static CompletableFuture<NotReadyException> failure(SeldonClient client, Readiness readiness,
            Readiness.Verdict verdict) {
        if (readiness.kind() != ResourceKind.SELDON_DEPLOYMENT || verdict.absent()) {
            return CompletableFuture.completedFuture(new NotReadyException(verdict.message(), verdict.status()));
        }
        CompletableFuture<ArrayNode> read = client.deploymentResourcesAsync(readiness.namespace(), readiness.name());
        CompletableFuture<NotReadyException> result = read.handle((components, error) -> {
            String details = error == null ? DeploymentResources.summarize(components)
                    : "they could not be read (" + Readiness.clean(causeMessage(error)) + ")";
            return new NotReadyException(verdict.message() + "\nKubernetes resources of " + readiness.subject() + ": "
                    + details, verdict.status());
        });
        result.whenComplete((r, e) -> {
            if (e instanceof CancellationException) {
                read.cancel(true);
            }
        });
        return result;
    }

    private static NotReadyException await(CompletableFuture<NotReadyException> explained)
            throws InterruptedException {
        try {
            return explained.get();
        } catch (InterruptedException e) {
            explained.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Explaining a failed wait cannot fail", e.getCause());
        }
    }

    private static String causeMessage(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

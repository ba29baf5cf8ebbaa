package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Waits for a SeldonDeployment to become ready by polling in the calling thread: the freestyle build step's loop
 * around {@link DeploymentReadiness}, which holds all the rules. (The Pipeline step polls on a timer instead and must
 * not block; it uses {@code DeploymentReadiness} directly.) An interrupt, i.e. an aborted build, ends the wait at once
 * with {@link InterruptedException}.
 */
public final class WaitForDeployment {

    /** Reads the deployment; throws {@code NotFoundException} when it does not exist. */
    @FunctionalInterface
    interface Reader {
        ObjectNode read(String namespace, String name) throws IOException, InterruptedException;
    }

    /** Sleeps interruptibly; {@code Thread::sleep} in production, a fake clock in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** How often the deployment is read when the caller does not say. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MIN_SLEEP = Duration.ofMillis(1);

    private final Reader reader;
    private final LogSink log;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Polls with {@link SeldonClient#get}, sleeping with {@link Thread#sleep(long)}. */
    public WaitForDeployment(SeldonClient client, LogSink log, Clock clock) {
        this((namespace, name) -> client.get(ResourceKind.SELDON_DEPLOYMENT, namespace, name), log, clock,
                duration -> Thread.sleep(duration.toMillis()));
    }

    WaitForDeployment(Reader reader, LogSink log, Clock clock, Sleeper sleeper) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Polls until the deployment is available, has failed, or the timeout has passed. Progress is logged only when
     * it changes.
     *
     * @param lastWrite our write just before this wait ({@link DeploymentOperations.ApplyResult#write()}), or
     *     {@code null}
     * @return the deployment as last read, once {@code Available}
     * @throws DeploymentNotReadyException when it failed, was not found, or the timeout passed
     * @throws InvalidInputException for an invalid namespace or name, before any request
     * @throws IOException a read error that retrying cannot fix (authentication, permission...)
     */
    public ObjectNode run(String namespace, String name, Duration timeout, Duration pollInterval, LastWrite lastWrite)
            throws IOException, InterruptedException {
        return run(new DeploymentReadiness(Names.checkNamespace(namespace), Names.checkName(name)), timeout,
                pollInterval, lastWrite);
    }

    /** As {@link #run(String, String, Duration, Duration, LastWrite)}, with non-default readiness thresholds. */
    public ObjectNode run(DeploymentReadiness readiness, Duration timeout, Duration pollInterval, LastWrite lastWrite)
            throws IOException, InterruptedException {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive, got " + pollInterval);
        }
        String namespace = readiness.namespace();
        String name = readiness.name();
        WaitProgress progress = readiness.start(clock.instant(), timeout, lastWrite);
        log.info("Waiting up to " + DeploymentReadiness.human(timeout) + " for SeldonDeployment " + namespace + "/"
                + name + " to become Available");
        while (true) {
            ObjectNode resource = null;
            DeploymentReadiness.Verdict verdict;
            try {
                resource = reader.read(namespace, name);
                verdict = readiness.evaluate(resource, progress, clock.instant());
            } catch (IOException e) {
                verdict = readiness.evaluateError(e, progress, clock.instant());
            }
            if (verdict.logLine() != null && verdict.status() == DeploymentReadiness.Verdict.Status.PENDING) {
                if (verdict.warning()) {
                    log.warn(verdict.logLine());
                } else {
                    log.info(verdict.logLine());
                }
            }
            switch (verdict.status()) {
                case AVAILABLE:
                    log.info(verdict.message());
                    return resource;
                case FAILED:
                case TIMED_OUT:
                    throw new DeploymentNotReadyException(verdict.message(), verdict.status());
                default:
                    progress = verdict.next();
            }
            // The last poll falls on the deadline rather than up to one interval after it.
            Duration untilDeadline = Duration.between(clock.instant(), progress.deadline());
            sleeper.sleep(untilDeadline.compareTo(pollInterval) >= 0 ? pollInterval : max(untilDeadline, MIN_SLEEP));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

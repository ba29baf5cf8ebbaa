package io.jenkins.plugins.seldon.operations;

import static io.jenkins.plugins.seldon.operations.ReadinessTest.sd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ResourceWaitTest {

    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingLog log = new RecordingLog();
    private final List<Duration> sleeps = new ArrayList<>();
    /** What successive reads return: an ObjectNode, or an IOException to throw. */
    private final Deque<Object> reads = new ArrayDeque<>();
    private final List<String> readNames = new ArrayList<>();

    private final ResourceWait wait = new ResourceWait((kind, namespace, name) -> {
        readNames.add(kind.kind() + " " + namespace + "/" + name);
        Object next = reads.size() > 1 ? reads.poll() : reads.peek();
        if (next instanceof IOException e) {
            throw e;
        }
        return (ObjectNode) next;
    }, (readiness, verdict) -> CompletableFuture.completedFuture(
            new NotReadyException(verdict.message() + " [explained]", verdict.status())), log, clock, duration -> {
                sleeps.add(duration);
                clock.advance(duration);
            });

    @Test
    void pollsUntilAvailableAndLogsChangesOnly() throws Exception {
        reads.add(sd("Creating", null));
        reads.add(sd("Creating", null));
        reads.add(sd("Creating", "2/3 replicas"));
        ObjectNode available = sd("Available", null);
        reads.add(available);

        assertSame(available, wait.run(SD, "staging", "iris", Duration.ofMinutes(5), POLL, null));

        assertEquals(List.of(
                "Waiting up to 5m for SeldonDeployment staging/iris to become Available",
                "SeldonDeployment staging/iris: Creating",
                "SeldonDeployment staging/iris: Creating: 2/3 replicas",
                "SeldonDeployment staging/iris is Available"), log.lines);
        assertEquals(List.of(POLL, POLL, POLL), sleeps);
        assertEquals(List.of("SeldonDeployment staging/iris", "SeldonDeployment staging/iris", "SeldonDeployment staging/iris", "SeldonDeployment staging/iris"), readNames);
    }

    @Test
    void failsAfterConsecutiveFailedPolls() {
        reads.add(sd("Failed", "Deployment is no longer progressing and not available."));
        NotReadyException e = assertThrows(NotReadyException.class,
                () -> wait.run(SD, "staging", "iris", Duration.ofMinutes(5), POLL, null));
        assertEquals(Readiness.Verdict.Status.FAILED, e.status());
        assertEquals("SeldonDeployment staging/iris failed: Deployment is no longer progressing and not available."
                + " [explained]", e.getMessage());
        assertEquals(3, readNames.size());
    }

    @Test
    void timesOutOnTheDeadlineNotAfterIt() {
        reads.add(sd("Creating", null));
        NotReadyException e = assertThrows(NotReadyException.class,
                () -> wait.run(SD, "staging", "iris", Duration.ofSeconds(25), POLL, null));
        assertEquals(Readiness.Verdict.Status.TIMED_OUT, e.status());
        assertEquals("Timed out after 25s waiting for SeldonDeployment staging/iris to become Available; last seen:"
                + " Creating [explained]", e.getMessage());
        assertEquals(List.of(POLL, POLL, Duration.ofSeconds(5)), sleeps);
    }

    @Test
    void staleStatusAfterOurUpdateIsNotTakenForReady() throws Exception {
        reads.add(sd("Available", null));
        wait.run(SD, "staging", "iris", Duration.ofMinutes(5), Duration.ofSeconds(4),
                new LastWrite(LastWrite.Kind.UPDATED, T0));
        // Polls at 0, 4 and 8 s may show the previous revision; 12 s is past the 10 s grace period.
        assertEquals(4, readNames.size());
        assertTrue(log.lines.contains("SeldonDeployment staging/iris: the status still shows Available from before the"
                + " update; waiting for the operator to pick up the change"), log.lines.toString());
    }

    @Test
    void waitsForAGitOpsCreateToAppear() throws Exception {
        reads.add(new NotFoundException("404 Not Found from GET ...", 404, null, null));
        reads.add(new NotFoundException("404 Not Found from GET ...", 404, null, null));
        reads.add(sd("Available", null));
        wait.run(SD, "staging", "iris", Duration.ofMinutes(5), POLL, new LastWrite(LastWrite.Kind.CREATED, T0));
        assertEquals(3, readNames.size());
    }

    @Test
    void retriesNetworkErrorsWithAWarning() throws Exception {
        reads.add(new NetworkException("Connection refused: seldon.example.com", NetworkException.Reason.CONNECTION_REFUSED,
                "seldon.example.com", null));
        reads.add(sd("Available", null));
        wait.run(SD, "staging", "iris", Duration.ofMinutes(5), POLL, null);
        assertEquals("WARN SeldonDeployment staging/iris: could not read the status (Connection refused:"
                + " seldon.example.com); will retry", log.lines.get(1));
    }

    @Test
    void stopsAtOnceOnErrorsThatRetryingCannotFix() {
        ApiAuthException forbidden = new ApiAuthException("403 Forbidden from GET ...", 403, null, null);
        reads.add(forbidden);
        assertSame(forbidden, assertThrows(ApiAuthException.class,
                () -> wait.run(SD, "staging", "iris", Duration.ofMinutes(5), POLL, null)));
        assertEquals(1, readNames.size());
    }

    @Test
    void interruptEndsTheWait() {
        ResourceWait interrupted = new ResourceWait((kind, namespace, name) -> sd("Creating", null),
                (readiness, verdict) -> CompletableFuture.failedFuture(new AssertionError()), log, clock, duration -> {
                    throw new InterruptedException();
                });
        assertThrows(InterruptedException.class,
                () -> interrupted.run(SD, "staging", "iris", Duration.ofMinutes(5), POLL, null));
    }

    @Test
    void invalidNamesFailBeforeAnyRead() {
        assertThrows(InvalidInputException.class, () -> wait.run(SD, "Staging", "iris", Duration.ofMinutes(5), POLL, null));
        assertThrows(InvalidInputException.class, () -> wait.run(SD, "staging", "iris_v2", Duration.ofMinutes(5), POLL, null));
        assertTrue(readNames.isEmpty());
    }

    @Test
    void aPollIntervalMustBePositive() {
        for (Duration interval : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThrows(IllegalArgumentException.class,
                    () -> wait.run(SD, "staging", "iris", Duration.ofMinutes(5), interval, null));
        }
        assertTrue(readNames.isEmpty());
    }

    @Test
    void anExperimentIsNamedByItsMainPipelineAndADeploymentByADnsLabel() {
        assertTrue(assertThrows(InvalidInputException.class, () -> wait.run(ResourceKind.EXPERIMENT, "staging", "Main",
                Duration.ofMinutes(5), POLL, null)).getMessage().contains("Pipeline name"));
        assertThrows(InvalidInputException.class,
                () -> wait.run(SD, "staging", "i".repeat(64), Duration.ofMinutes(5), POLL, null));
        assertTrue(readNames.isEmpty());
    }

    @Test
    void theClientsWaitEndsWithWhatTheApiSaid() throws Exception {
        TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
        try (TestServer server = new TestServer(issuer, clock)) {
            ResourceWait real = new ResourceWait(server.client, log, Clock.systemUTC());
            assertEquals("SeldonDeployment staging/iris not found", assertThrows(NotReadyException.class,
                    () -> real.run(SD, "staging", "iris", Duration.ofMinutes(5), POLL, null)).getMessage());
        }
    }

    @Test
    void nearTheDeadlineItSleepsAtLeastAMillisecond() {
        reads.add(sd("Creating", null));
        Duration interval = Duration.ofSeconds(10).minusNanos(500_000);
        assertThrows(NotReadyException.class, () -> wait.run(SD, "staging", "iris", Duration.ofSeconds(10), interval,
                null));
        assertEquals(List.of(interval, Duration.ofMillis(1)), sleeps);
    }

    @Test
    void onlyADeploymentThatStillExistsHasItsKubernetesResourcesRead() throws Exception {
        TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
        try (TestServer server = new TestServer(issuer, clock)) {
            Readiness pipeline = new Readiness(ResourceKind.PIPELINE, "staging", "iris", 1, Duration.ZERO,
                    Duration.ZERO);
            Readiness.Verdict failed = pipeline.evaluate(ReadinessTest.v2(new String[] {"PipelineReady", "False",
                    "PipelineFailed"}), pipeline.start(T0, POLL, null), T0);
            assertEquals("Pipeline staging/iris failed: PipelineReady False: PipelineFailed",
                    ResourceWait.failure(server.client, pipeline, failed).get().getMessage());
            assertEquals(List.of(), server.requestLines());

            Readiness deployment = new Readiness(SD, "staging", "ghost", 1, Duration.ZERO, Duration.ZERO);
            Readiness.Verdict gone = deployment.evaluate(sd("Failed", "x"), deployment.start(T0, POLL, null), T0);
            // The client's own message, not that of the future's wrapper.
            String message = ResourceWait.failure(server.client, deployment, gone).get().getMessage();
            assertTrue(message.startsWith("SeldonDeployment staging/ghost failed: x\nKubernetes resources of"
                    + " SeldonDeployment staging/ghost: they could not be read (Seldon API call GET http://"), message);
            assertTrue(message.endsWith("/namespaces/staging/seldondeployments/ghost/resources failed: HTTP 404."
                    + " SeldonDeployment 'ghost' in namespace 'staging' does not exist. Server message:"
                    + " seldondeployments.machinelearning.seldon.io \"ghost\" not found (request id fake-1))"), message);
        }
    }
}

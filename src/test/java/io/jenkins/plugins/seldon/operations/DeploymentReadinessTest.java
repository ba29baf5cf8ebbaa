package io.jenkins.plugins.seldon.operations;

import static io.jenkins.plugins.seldon.operations.DeploymentReadiness.Verdict.Status.AVAILABLE;
import static io.jenkins.plugins.seldon.operations.DeploymentReadiness.Verdict.Status.FAILED;
import static io.jenkins.plugins.seldon.operations.DeploymentReadiness.Verdict.Status.PENDING;
import static io.jenkins.plugins.seldon.operations.DeploymentReadiness.Verdict.Status.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final DeploymentReadiness readiness = new DeploymentReadiness("staging", "iris");

    /** Drives a wait poll by poll, keeping the progress between polls as the callers do. */
    private final class Wait {
        WaitProgress progress;

        Wait(LastWrite write) {
            progress = readiness.start(T0, TIMEOUT, write);
        }

        DeploymentReadiness.Verdict poll(int secondsAfterStart, JsonNode resource) {
            DeploymentReadiness.Verdict verdict = readiness.evaluate(resource, progress, T0.plusSeconds(secondsAfterStart));
            progress = verdict.next();
            return verdict;
        }
    }

    static ObjectNode sd(String state, String description) {
        ObjectNode sd = JSON.createObjectNode();
        sd.putObject("metadata").put("name", "iris").put("namespace", "staging");
        if (state != null) {
            ObjectNode status = sd.putObject("status").put("state", state);
            if (description != null) {
                status.put("description", description);
            }
        }
        return sd;
    }

    @Test
    void availableIsDone() {
        DeploymentReadiness.Verdict verdict = new Wait(null).poll(0, sd("Available", null));
        assertEquals(AVAILABLE, verdict.status());
        assertTrue(verdict.done());
        assertEquals("SeldonDeployment staging/iris is Available", verdict.message());
        assertEquals(verdict.message(), verdict.logLine());
    }

    @Test
    void pendingIsLoggedOnlyWhenItChanges() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.CREATED, T0));
        DeploymentReadiness.Verdict first = wait.poll(0, sd(null, null));
        assertEquals(PENDING, first.status());
        assertFalse(first.done());
        assertEquals("SeldonDeployment staging/iris: no status yet", first.logLine());
        assertNull(wait.poll(5, sd(null, null)).logLine());
        assertEquals("SeldonDeployment staging/iris: Creating", wait.poll(10, sd("Creating", null)).logLine());
        DeploymentReadiness.Verdict same = wait.poll(15, sd("Creating", null));
        assertNull(same.logLine());
        assertEquals("SeldonDeployment staging/iris: Creating", same.message());
        assertEquals(AVAILABLE, wait.poll(20, sd("Available", null)).status());
    }

    @Test
    void staleAvailableRightAfterAnUpdateIsIgnoredUntilTheStateChanges() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0));
        DeploymentReadiness.Verdict stale = wait.poll(1, sd("Available", null));
        assertEquals(PENDING, stale.status());
        assertEquals("SeldonDeployment staging/iris: the status still shows Available from before the update;"
                + " waiting for the operator to pick up the change", stale.logLine());
        assertEquals(PENDING, wait.poll(3, sd("Creating", null)).status());
        // Seen Creating since the update: this Available is the new revision's, even inside the grace period.
        assertEquals(AVAILABLE, wait.poll(5, sd("Available", null)).status());
    }

    @Test
    void staleAvailableIsAcceptedOnceTheGracePeriodHasPassed() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0));
        assertEquals(PENDING, wait.poll(0, sd("Available", null)).status());
        assertEquals(PENDING, wait.poll(9, sd("Available", null)).status());
        assertEquals(AVAILABLE, wait.poll(10, sd("Available", null)).status());
    }

    @Test
    void gracePeriodCountsFromTheUpdateNotFromTheStartOfTheWait() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0.minusSeconds(30)));
        assertEquals(AVAILABLE, wait.poll(0, sd("Available", null)).status());
    }

    @Test
    void noStaleGuardAfterACreateOrWithoutAWrite() {
        assertEquals(AVAILABLE, new Wait(new LastWrite(LastWrite.Kind.CREATED, T0)).poll(0, sd("Available", null)).status());
        assertEquals(AVAILABLE, new Wait(null).poll(0, sd("Available", null)).status());
    }

    @Test
    void failedMustBeSeenOnConsecutivePolls() {
        Wait wait = new Wait(null);
        DeploymentReadiness.Verdict first = wait.poll(0, sd("Failed", "admission webhook timed out"));
        assertEquals(PENDING, first.status());
        assertEquals("SeldonDeployment staging/iris: Failed: admission webhook timed out (1 of 3 consecutive polls;"
                + " waiting in case it is a transient reconcile error)", first.logLine());
        assertEquals(PENDING, wait.poll(5, sd("Failed", "admission webhook timed out")).status());
        assertEquals(2, wait.progress.consecutiveFailed());
        // A recovery resets the count.
        assertEquals(PENDING, wait.poll(10, sd("Creating", null)).status());
        assertEquals(0, wait.progress.consecutiveFailed());
        assertEquals(PENDING, wait.poll(15, sd("Failed", "Deployment is no longer progressing and not available.")).status());
        assertEquals(PENDING, wait.poll(20, sd("Failed", "Deployment is no longer progressing and not available.")).status());
        DeploymentReadiness.Verdict failed = wait.poll(25, sd("Failed", "Deployment is no longer progressing and not available."));
        assertEquals(FAILED, failed.status());
        assertTrue(failed.done());
        assertEquals("SeldonDeployment staging/iris failed: Deployment is no longer progressing and not available.",
                failed.message());
        assertEquals(failed.message(), failed.logLine());
    }

    @Test
    void failedThresholdIsConfigurable() {
        DeploymentReadiness once = new DeploymentReadiness("staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        DeploymentReadiness.Verdict verdict = once.evaluate(sd("Failed", "boom"), once.start(T0, TIMEOUT, null), T0);
        assertEquals(FAILED, verdict.status());
        assertThrows(IllegalArgumentException.class,
                () -> new DeploymentReadiness("staging", "iris", 0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new DeploymentReadiness("staging", "iris", 3, Duration.ofSeconds(-1), Duration.ZERO));
    }

    @Test
    void failedFromBeforeAnUpdateIsNotCountedDuringTheGracePeriod() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0));
        for (int s = 0; s < 10; s += 3) {
            DeploymentReadiness.Verdict verdict = wait.poll(s, sd("Failed", "old revision broken"));
            assertEquals(PENDING, verdict.status());
            assertEquals(0, wait.progress.consecutiveFailed());
        }
        assertEquals(PENDING, wait.poll(12, sd("Failed", "old revision broken")).status());
        assertEquals(1, wait.progress.consecutiveFailed());
    }

    @Test
    void failureNamesConditionsAndDeploymentsThatAreNotReady() throws IOException {
        ObjectNode resource = (ObjectNode) JSON.readTree("""
                {"metadata": {"name": "iris"},
                 "status": {"state": "Failed",
                  "description": "Deployment is no longer progressing and not available.",
                  "conditions": [
                    {"type": "DeploymentsReady", "status": "False", "reason": "ProgressDeadlineExceeded",
                     "message": "ReplicaSet \\"iris-default-0-classifier-7d9\\" has timed out progressing."},
                    {"type": "ServicesReady", "status": "True"},
                    {"type": "Ready", "status": "False", "reason": "ProgressDeadlineExceeded"}],
                  "deploymentStatus": {
                    "iris-default-0-classifier": {"replicas": 2, "availableReplicas": 0},
                    "iris-default-1-classifier": {"replicas": 1, "availableReplicas": 1}}}}
                """);
        DeploymentReadiness once = new DeploymentReadiness("staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        assertEquals("SeldonDeployment staging/iris failed: Deployment is no longer progressing and not available.;"
                + " DeploymentsReady False: ProgressDeadlineExceeded: ReplicaSet \"iris-default-0-classifier-7d9\" has"
                + " timed out progressing.; Ready False: ProgressDeadlineExceeded;"
                + " deployment iris-default-0-classifier: 0/2 replicas available",
                once.evaluate(resource, once.start(T0, TIMEOUT, null), T0).message());
    }

    @Test
    void failureWithoutDescriptionSaysSo() {
        DeploymentReadiness once = new DeploymentReadiness("staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        assertEquals("SeldonDeployment staging/iris failed: no description given",
                once.evaluate(sd("Failed", null), once.start(T0, TIMEOUT, null), T0).message());
    }

    @Test
    void serverTextIsKeptOnOneBoundedLine() {
        DeploymentReadiness once = new DeploymentReadiness("staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        String message = once.evaluate(sd("Failed", "line one\nFAKE: line two\n" + "x".repeat(5000)),
                once.start(T0, TIMEOUT, null), T0).message();
        assertFalse(message.contains("\n"));
        assertTrue(message.startsWith("SeldonDeployment staging/iris failed: line one FAKE: line two xxx"), message);
        assertTrue(message.length() < 1000 && message.endsWith("..."));
    }

    @Test
    void notFoundRightAfterACreateIsAPendingGitOpsSync() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.CREATED, T0));
        DeploymentReadiness.Verdict pending = wait.poll(5, null);
        assertEquals(PENDING, pending.status());
        assertEquals("SeldonDeployment staging/iris: not found yet; in a GitOps namespace it appears after the next"
                + " sync", pending.logLine());
        assertEquals(PENDING, wait.poll(119, null).status());
        DeploymentReadiness.Verdict gone = wait.poll(125, null);
        assertEquals(FAILED, gone.status());
        assertEquals("SeldonDeployment staging/iris not found (still absent 2m 5s after it was created)",
                gone.message());
    }

    @Test
    void notFoundWithoutOurCreateFailsAtOnce() {
        assertEquals("SeldonDeployment staging/iris not found", new Wait(null).poll(0, null).message());
        DeploymentReadiness.Verdict afterUpdate = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0)).poll(0, null);
        assertEquals(FAILED, afterUpdate.status());
    }

    @Test
    void deadlineEndsTheWaitWithWhatWasLastSeen() {
        Wait wait = new Wait(null);
        assertEquals(PENDING, wait.poll(0, sd("Creating", "waiting for pods")).status());
        assertEquals(PENDING, wait.poll(599, sd("Creating", "waiting for pods")).status());
        DeploymentReadiness.Verdict timedOut = wait.poll(600, sd("Creating", "waiting for pods"));
        assertEquals(TIMED_OUT, timedOut.status());
        assertEquals("Timed out after 10m waiting for SeldonDeployment staging/iris to become Available; last seen:"
                + " Creating: waiting for pods", timedOut.message());
    }

    @Test
    void availableOrFailedOnTheLastPollStillCount() {
        assertEquals(AVAILABLE, new Wait(null).poll(900, sd("Available", null)).status());
        Wait wait = new Wait(null);
        wait.poll(0, sd("Failed", "x"));
        wait.poll(300, sd("Failed", "x"));
        assertEquals(FAILED, wait.poll(900, sd("Failed", "x")).status());
    }

    @Test
    void deadlineAlsoEndsAGitOpsWait() {
        DeploymentReadiness readiness = new DeploymentReadiness("staging", "iris");
        WaitProgress progress = readiness.start(T0, Duration.ofSeconds(30), new LastWrite(LastWrite.Kind.CREATED, T0));
        DeploymentReadiness.Verdict verdict = readiness.evaluate(null, progress, T0.plusSeconds(30));
        assertEquals(TIMED_OUT, verdict.status());
        assertEquals("Timed out after 30s waiting for SeldonDeployment staging/iris to become Available; last seen:"
                + " not found", verdict.message());
    }

    @Test
    void transientReadErrorsAreRetriedUntilTheDeadline() throws IOException {
        WaitProgress progress = readiness.start(T0, TIMEOUT, null);
        NetworkException refused = new NetworkException("Connection refused: seldon.example.com",
                NetworkException.Reason.CONNECTION_REFUSED, "seldon.example.com", null);
        DeploymentReadiness.Verdict verdict = readiness.evaluateError(refused, progress, T0);
        assertEquals(PENDING, verdict.status());
        assertTrue(verdict.warning());
        assertEquals("SeldonDeployment staging/iris: could not read the status (Connection refused:"
                + " seldon.example.com); will retry", verdict.logLine());
        assertNull(readiness.evaluateError(refused, verdict.next(), T0.plusSeconds(5)).logLine());

        ServerErrorException unavailable = new ServerErrorException("503 from GET ...", 503, null, null);
        assertEquals(PENDING, readiness.evaluateError(unavailable, progress, T0).status());
        DeploymentReadiness.Verdict late = readiness.evaluateError(unavailable, progress, T0.plus(TIMEOUT));
        assertEquals(TIMED_OUT, late.status());
        assertEquals("Timed out after 10m waiting for SeldonDeployment staging/iris to become Available; nothing could"
                + " be read", late.message());
    }

    @Test
    void otherReadErrorsAreRethrown() {
        ApiAuthException forbidden = new ApiAuthException("403 Forbidden", 403, null, null);
        assertSame(forbidden, assertThrows(ApiAuthException.class,
                () -> readiness.evaluateError(forbidden, readiness.start(T0, TIMEOUT, null), T0)));
    }

    @Test
    void notFoundErrorIsTheSameAsAMissingResource() throws IOException {
        WaitProgress progress = readiness.start(T0, TIMEOUT, new LastWrite(LastWrite.Kind.CREATED, T0));
        NotFoundException notFound = new NotFoundException("404", 404, null, null);
        assertEquals(PENDING, readiness.evaluateError(notFound, progress, T0.plusSeconds(1)).status());
        assertEquals(FAILED, readiness.evaluateError(notFound, progress, T0.plusSeconds(121)).status());
    }

    @Test
    void progressSurvivesSerialisation() throws Exception {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0));
        wait.poll(0, sd("Creating", null));
        wait.poll(5, sd("Failed", "x"));
        WaitProgress restored = roundTrip(wait.progress);
        DeploymentReadiness restoredReadiness = roundTrip(readiness);
        assertEquals(wait.progress.deadline(), restored.deadline());
        assertEquals(T0, restored.started());
        assertEquals(1, restored.consecutiveFailed());
        assertEquals("Failed: x", restored.lastSeen());
        DeploymentReadiness.Verdict second = restoredReadiness.evaluate(sd("Failed", "x"), restored, T0.plusSeconds(10));
        assertEquals(PENDING, second.status());
        assertEquals(FAILED, restoredReadiness.evaluate(sd("Failed", "x"), second.next(), T0.plusSeconds(15)).status());
    }

    @Test
    void unchangedProgressIsNotLoggedAgainAfterARestart() throws Exception {
        Wait wait = new Wait(null);
        assertEquals("SeldonDeployment staging/iris: Creating", wait.poll(0, sd("Creating", null)).logLine());
        assertNull(readiness.evaluate(sd("Creating", null), roundTrip(wait.progress), T0.plusSeconds(5)).logLine());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}

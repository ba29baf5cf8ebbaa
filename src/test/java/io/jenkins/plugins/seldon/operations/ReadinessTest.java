package io.jenkins.plugins.seldon.operations;

import static io.jenkins.plugins.seldon.operations.Readiness.Verdict.Status.READY;
import static io.jenkins.plugins.seldon.operations.Readiness.Verdict.Status.FAILED;
import static io.jenkins.plugins.seldon.operations.Readiness.Verdict.Status.PENDING;
import static io.jenkins.plugins.seldon.operations.Readiness.Verdict.Status.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
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

class ReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Readiness readiness = new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris");

    /** Drives a wait poll by poll, keeping the progress between polls as the callers do. */
    private final class Wait {
        WaitProgress progress;

        Wait(LastWrite write) {
            progress = readiness.start(T0, TIMEOUT, write);
        }

        Readiness.Verdict poll(int secondsAfterStart, JsonNode resource) {
            Readiness.Verdict verdict = readiness.evaluate(resource, progress, T0.plusSeconds(secondsAfterStart));
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
        Readiness.Verdict verdict = new Wait(null).poll(0, sd("Available", null));
        assertEquals(READY, verdict.status());
        assertTrue(verdict.done());
        assertEquals("SeldonDeployment staging/iris is Available", verdict.message());
        assertEquals(verdict.message(), verdict.logLine());
    }

    @Test
    void pendingIsLoggedOnlyWhenItChanges() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.CREATED, T0));
        Readiness.Verdict first = wait.poll(0, sd(null, null));
        assertEquals(PENDING, first.status());
        assertFalse(first.done());
        assertEquals("SeldonDeployment staging/iris: no status yet", first.logLine());
        assertNull(wait.poll(5, sd(null, null)).logLine());
        assertEquals("SeldonDeployment staging/iris: Creating", wait.poll(10, sd("Creating", null)).logLine());
        Readiness.Verdict same = wait.poll(15, sd("Creating", null));
        assertNull(same.logLine());
        assertEquals("SeldonDeployment staging/iris: Creating", same.message());
        assertEquals(READY, wait.poll(20, sd("Available", null)).status());
    }

    @Test
    void staleAvailableRightAfterAnUpdateIsIgnoredUntilTheStateChanges() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0));
        Readiness.Verdict stale = wait.poll(1, sd("Available", null));
        assertEquals(PENDING, stale.status());
        assertEquals("SeldonDeployment staging/iris: the status still shows Available from before the update;"
                + " waiting for the operator to pick up the change", stale.logLine());
        assertEquals(PENDING, wait.poll(3, sd("Creating", null)).status());
        // Seen Creating since the update: this Available is the new revision's, even inside the grace period.
        assertEquals(READY, wait.poll(5, sd("Available", null)).status());
    }

    @Test
    void staleAvailableIsAcceptedOnceTheGracePeriodHasPassed() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0));
        assertEquals(PENDING, wait.poll(0, sd("Available", null)).status());
        assertEquals(PENDING, wait.poll(9, sd("Available", null)).status());
        assertEquals(READY, wait.poll(10, sd("Available", null)).status());
    }

    @Test
    void gracePeriodCountsFromTheUpdateNotFromTheStartOfTheWait() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0.minusSeconds(30)));
        assertEquals(READY, wait.poll(0, sd("Available", null)).status());
    }

    @Test
    void noStaleGuardAfterACreateOrWithoutAWrite() {
        assertEquals(READY, new Wait(new LastWrite(LastWrite.Kind.CREATED, T0)).poll(0, sd("Available", null)).status());
        assertEquals(READY, new Wait(null).poll(0, sd("Available", null)).status());
    }

    @Test
    void failedMustBeSeenOnConsecutivePolls() {
        Wait wait = new Wait(null);
        Readiness.Verdict first = wait.poll(0, sd("Failed", "admission webhook timed out"));
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
        Readiness.Verdict failed = wait.poll(25, sd("Failed", "Deployment is no longer progressing and not available."));
        assertEquals(FAILED, failed.status());
        assertTrue(failed.done());
        assertEquals("SeldonDeployment staging/iris failed: Deployment is no longer progressing and not available.",
                failed.message());
        assertEquals(failed.message(), failed.logLine());
    }

    @Test
    void failedThresholdIsConfigurable() {
        Readiness once = new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        Readiness.Verdict verdict = once.evaluate(sd("Failed", "boom"), once.start(T0, TIMEOUT, null), T0);
        assertEquals(FAILED, verdict.status());
        assertThrows(IllegalArgumentException.class,
                () -> new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 3, Duration.ofSeconds(-1), Duration.ZERO));
    }

    @Test
    void failedFromBeforeAnUpdateIsNotCountedDuringTheGracePeriod() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0));
        for (int s = 0; s < 10; s += 3) {
            Readiness.Verdict verdict = wait.poll(s, sd("Failed", "old revision broken"));
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
        Readiness once = new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        assertEquals("SeldonDeployment staging/iris failed: Deployment is no longer progressing and not available.;"
                + " DeploymentsReady False: ProgressDeadlineExceeded: ReplicaSet \"iris-default-0-classifier-7d9\" has"
                + " timed out progressing.; Ready False: ProgressDeadlineExceeded;"
                + " deployment iris-default-0-classifier: 0/2 replicas available",
                once.evaluate(resource, once.start(T0, TIMEOUT, null), T0).message());
    }

    @Test
    void failureWithoutDescriptionSaysSo() {
        Readiness once = new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        assertEquals("SeldonDeployment staging/iris failed: no description given",
                once.evaluate(sd("Failed", null), once.start(T0, TIMEOUT, null), T0).message());
    }

    @Test
    void serverTextIsKeptOnOneBoundedLine() {
        Readiness once = new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        String message = once.evaluate(sd("Failed", "line one\nFAKE: line two\n" + "x".repeat(5000)),
                once.start(T0, TIMEOUT, null), T0).message();
        assertFalse(message.contains("\n"));
        assertTrue(message.startsWith("SeldonDeployment staging/iris failed: line one FAKE: line two xxx"), message);
        assertTrue(message.length() < 1000 && message.endsWith("..."));
    }

    @Test
    void notFoundRightAfterACreateIsAPendingGitOpsSync() {
        Wait wait = new Wait(new LastWrite(LastWrite.Kind.CREATED, T0));
        Readiness.Verdict pending = wait.poll(5, null);
        assertEquals(PENDING, pending.status());
        assertEquals("SeldonDeployment staging/iris: not found yet; in a GitOps namespace it appears after the next"
                + " sync", pending.logLine());
        assertEquals(PENDING, wait.poll(119, null).status());
        Readiness.Verdict gone = wait.poll(125, null);
        assertEquals(FAILED, gone.status());
        assertEquals("SeldonDeployment staging/iris not found (still absent 2m 5s after it was created)",
                gone.message());
    }

    @Test
    void notFoundWithoutOurCreateFailsAtOnce() {
        assertEquals("SeldonDeployment staging/iris not found", new Wait(null).poll(0, null).message());
        Readiness.Verdict afterUpdate = new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0)).poll(0, null);
        assertEquals(FAILED, afterUpdate.status());
    }

    @Test
    void deadlineEndsTheWaitWithWhatWasLastSeen() {
        Wait wait = new Wait(null);
        assertEquals(PENDING, wait.poll(0, sd("Creating", "waiting for pods")).status());
        assertEquals(PENDING, wait.poll(599, sd("Creating", "waiting for pods")).status());
        Readiness.Verdict timedOut = wait.poll(600, sd("Creating", "waiting for pods"));
        assertEquals(TIMED_OUT, timedOut.status());
        assertEquals("Timed out after 10m waiting for SeldonDeployment staging/iris to become Available; last seen:"
                + " Creating: waiting for pods", timedOut.message());
    }

    @Test
    void availableOrFailedOnTheLastPollStillCount() {
        assertEquals(READY, new Wait(null).poll(900, sd("Available", null)).status());
        Wait wait = new Wait(null);
        wait.poll(0, sd("Failed", "x"));
        wait.poll(300, sd("Failed", "x"));
        assertEquals(FAILED, wait.poll(900, sd("Failed", "x")).status());
    }

    @Test
    void deadlineAlsoEndsAGitOpsWait() {
        Readiness readiness = new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris");
        WaitProgress progress = readiness.start(T0, Duration.ofSeconds(30), new LastWrite(LastWrite.Kind.CREATED, T0));
        Readiness.Verdict verdict = readiness.evaluate(null, progress, T0.plusSeconds(30));
        assertEquals(TIMED_OUT, verdict.status());
        assertEquals("Timed out after 30s waiting for SeldonDeployment staging/iris to become Available; last seen:"
                + " not found", verdict.message());
    }

    @Test
    void transientReadErrorsAreRetriedUntilTheDeadline() throws IOException {
        WaitProgress progress = readiness.start(T0, TIMEOUT, null);
        NetworkException refused = new NetworkException("Connection refused: seldon.example.com",
                NetworkException.Reason.CONNECTION_REFUSED, "seldon.example.com", null);
        Readiness.Verdict verdict = readiness.evaluateError(refused, progress, T0);
        assertEquals(PENDING, verdict.status());
        assertTrue(verdict.warning());
        assertEquals("SeldonDeployment staging/iris: could not read the status (Connection refused:"
                + " seldon.example.com); will retry", verdict.logLine());
        assertNull(readiness.evaluateError(refused, verdict.next(), T0.plusSeconds(5)).logLine());

        ServerErrorException unavailable = new ServerErrorException("503 from GET ...", 503, null, null);
        assertEquals(PENDING, readiness.evaluateError(unavailable, progress, T0).status());
        Readiness.Verdict late = readiness.evaluateError(unavailable, progress, T0.plus(TIMEOUT));
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
        Readiness restoredReadiness = roundTrip(readiness);
        assertEquals(wait.progress.deadline(), restored.deadline());
        assertEquals(T0, restored.started());
        assertEquals(1, restored.consecutiveFailed());
        assertEquals("Failed: x", restored.lastSeen());
        Readiness.Verdict second = restoredReadiness.evaluate(sd("Failed", "x"), restored, T0.plusSeconds(10));
        assertEquals(PENDING, second.status());
        assertEquals(FAILED, restoredReadiness.evaluate(sd("Failed", "x"), second.next(), T0.plusSeconds(15)).status());
    }

    @Test
    void unchangedProgressIsNotLoggedAgainAfterARestart() throws Exception {
        Wait wait = new Wait(null);
        assertEquals("SeldonDeployment staging/iris: Creating", wait.poll(0, sd("Creating", null)).logLine());
        assertNull(readiness.evaluate(sd("Creating", null), roundTrip(wait.progress), T0.plusSeconds(5)).logLine());
    }

    // ---- Seldon Core v2 ----------------------------------------------------------------------------------------

    /** A Core v2 resource whose status has these conditions: {type, status, reason, message, lastTransitionTime}. */
    static ObjectNode v2(String[]... conditions) {
        ObjectNode resource = JSON.createObjectNode();
        resource.putObject("metadata").put("name", "iris").put("namespace", "staging");
        if (conditions.length > 0) {
            var list = resource.putObject("status").putArray("conditions");
            for (String[] c : conditions) {
                ObjectNode condition = list.addObject().put("type", c[0]).put("status", c[1]);
                if (c.length > 2 && c[2] != null) {
                    condition.put("reason", c[2]);
                }
                if (c.length > 3 && c[3] != null) {
                    condition.put("message", c[3]);
                }
                condition.put("lastTransitionTime", c.length > 4 ? c[4] : "2026-01-01T09:00:00Z");
            }
        }
        return resource;
    }

    private static String[] c(String... fields) {
        return fields;
    }

    private static Readiness.Verdict poll(Readiness r, WaitProgress[] progress, int seconds, JsonNode resource) {
        Readiness.Verdict v = r.evaluate(resource, progress[0], T0.plusSeconds(seconds));
        progress[0] = v.next();
        return v;
    }

    @Test
    void coreV2IsReadyWhenTheReadyConditionIsTrue() {
        for (ResourceKind kind : new ResourceKind[] {ResourceKind.PIPELINE, ResourceKind.MODEL}) {
            Readiness r = new Readiness(kind, "staging", "iris");
            WaitProgress[] progress = {r.start(T0, TIMEOUT, null)};
            assertEquals(kind.kind() + " staging/iris: no status yet", poll(r, progress, 0, v2()).logLine());
            Readiness.Verdict ready = poll(r, progress, 5, v2(c("ModelReady", "True", null, "ModelAvailable"),
                    c("Ready", "True")));
            assertEquals(READY, ready.status());
            assertEquals(kind.kind() + " staging/iris is Ready", ready.message());
        }
        Readiness experiment = new Readiness(ResourceKind.EXPERIMENT, "staging", "main");
        assertEquals("The experiment of Pipeline staging/main is Ready", experiment.evaluate(v2(c("Ready", "True")),
                experiment.start(T0, TIMEOUT, null), T0).message());
    }

    @Test
    void aPipelineFailsOnPipelineFailedAfterConsecutivePollsNamingEveryConditionThatIsNotTrue() {
        Readiness r = new Readiness(ResourceKind.PIPELINE, "staging", "iris");
        WaitProgress[] progress = {r.start(T0, TIMEOUT, null)};
        ObjectNode failed = v2(c("ModelsReady", "True", null, "Models all available"),
                c("PipelineGwReady", "False", "PipelineFailed", "Kafka topic missing | Kafka topic missing"),
                c("PipelineReady", "True", "PipelineReady"), c("Ready", "False"));
        Readiness.Verdict first = poll(r, progress, 0, failed);
        assertEquals(PENDING, first.status());
        assertEquals("Pipeline staging/iris: PipelineGwReady False: PipelineFailed: Kafka topic missing | Kafka topic"
                + " missing; Ready False (1 of 3 consecutive polls; waiting in case it is a transient reconcile error)",
                first.logLine());
        poll(r, progress, 10, failed);
        Readiness.Verdict third = poll(r, progress, 20, failed);
        assertEquals(FAILED, third.status());
        assertEquals("Pipeline staging/iris failed: PipelineGwReady False: PipelineFailed: Kafka topic missing | Kafka"
                + " topic missing; Ready False", third.message());
    }

    @Test
    void creatingIsNotAFailure() {
        Readiness r = new Readiness(ResourceKind.PIPELINE, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        WaitProgress[] progress = {r.start(T0, TIMEOUT, null)};
        Readiness.Verdict creating = poll(r, progress, 0, v2(c("PipelineReady", "False", "PipelineCreating", "x"),
                c("Ready", "False")));
        assertEquals(PENDING, creating.status());
        assertEquals("Pipeline staging/iris: PipelineReady False: PipelineCreating: x; Ready False", creating.logLine());
    }

    @Test
    void aModelFailsOnModelFailedOrScheduleFailedInTheMessage() {
        for (String state : new String[] {"ModelFailed", "ScheduleFailed"}) {
            Readiness r = new Readiness(ResourceKind.MODEL, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
            Readiness.Verdict v = r.evaluate(v2(c("ModelReady", "False", "no server with requirements [sklearn]",
                    state), c("Ready", "False")), r.start(T0, TIMEOUT, null), T0);
            assertEquals(FAILED, v.status(), state);
            assertEquals("Model staging/iris failed: ModelReady False: no server with requirements [sklearn]: "
                    + state + "; Ready False", v.message());
        }
        Readiness r = new Readiness(ResourceKind.MODEL, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        assertEquals(PENDING, r.evaluate(v2(c("ModelReady", "False", null, "ModelProgressing"), c("Ready", "False")),
                r.start(T0, TIMEOUT, null), T0).status());
    }

    @Test
    void anExperimentHasNoFailureStateAndTimesOutListingItsConditions() {
        Readiness r = new Readiness(ResourceKind.EXPERIMENT, "staging", "main", 1, Duration.ZERO, Duration.ZERO);
        WaitProgress[] progress = {r.start(T0, TIMEOUT, null)};
        ObjectNode notReady = v2(c("CandidatesReady", "False", "candidate iris2 not found"),
                c("ExperimentReady", "False", "PipelineFailed"), c("MirrorReady", "True"), c("Ready", "False"));
        assertEquals(PENDING, poll(r, progress, 0, notReady).status());
        Readiness.Verdict late = poll(r, progress, 600, notReady);
        assertEquals(TIMED_OUT, late.status());
        assertEquals("Timed out after 10m waiting for the experiment of Pipeline staging/main to become Ready; last"
                + " seen: CandidatesReady False: candidate iris2 not found; ExperimentReady False: PipelineFailed;"
                + " Ready False", late.message());
    }

    @Test
    void coreV2StatusFromBeforeOurUpdateIsNotTrustedUntilItChanges() {
        Readiness r = new Readiness(ResourceKind.MODEL, "staging", "iris");
        WaitProgress[] progress = {r.start(T0, TIMEOUT, new LastWrite(LastWrite.Kind.UPDATED, T0))};
        ObjectNode oldReady = v2(c("ModelReady", "True", null, "ModelAvailable", "2026-01-01T09:00:00Z"),
                c("Ready", "True", null, null, "2026-01-01T09:00:00Z"));
        Readiness.Verdict stale = poll(r, progress, 1, oldReady);
        assertEquals(PENDING, stale.status());
        assertEquals("Model staging/iris: the status still shows Ready from before the update; waiting for the operator"
                + " to pick up the change", stale.logLine());
        // An old failure is not counted either.
        Readiness once = new Readiness(ResourceKind.MODEL, "staging", "iris", 1, Duration.ofSeconds(10), Duration.ZERO);
        assertEquals(PENDING, once.evaluate(v2(c("ModelReady", "False", "x", "ModelFailed"), c("Ready", "False")),
                once.start(T0, TIMEOUT, new LastWrite(LastWrite.Kind.UPDATED, T0)), T0.plusSeconds(1)).status());
        // A transition (here only its time) shows the operator has acted on the update.
        ObjectNode newReady = v2(c("ModelReady", "True", null, "ModelAvailable", "2026-01-01T10:00:03Z"),
                c("Ready", "True", null, null, "2026-01-01T10:00:03Z"));
        assertEquals(READY, poll(r, progress, 3, newReady).status());
    }

    @Test
    void coreV2StatusUnchangedAfterTheGracePeriodIsTrusted() {
        Readiness r = new Readiness(ResourceKind.PIPELINE, "staging", "iris");
        WaitProgress[] progress = {r.start(T0, TIMEOUT, new LastWrite(LastWrite.Kind.UPDATED, T0))};
        ObjectNode ready = v2(c("Ready", "True"));
        assertEquals(PENDING, poll(r, progress, 5, ready).status());
        assertEquals(READY, poll(r, progress, 10, ready).status());
    }

    // ---- Boundaries and rules not covered above -----------------------------------------------------------------

    @Test
    void aNegativeTimeoutOrANullGraceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> readiness.start(T0, Duration.ofSeconds(-1), null));
        assertThrows(IllegalArgumentException.class,
                () -> new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 3, null, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 3, Duration.ZERO, null));
    }

    @Test
    void aTimeoutBeyondTheEndOfTimeNeverExpires() {
        WaitProgress progress = readiness.start(T0, Duration.ofSeconds(Long.MAX_VALUE), null);
        assertEquals(Long.MAX_VALUE, progress.deadline().toEpochMilli());
        assertEquals(PENDING, readiness.evaluate(sd("Creating", null), progress, T0.plus(Duration.ofDays(3650)))
                .status());
    }

    @Test
    void durationsAreShownInTheLargestUnitsThatFit() {
        assertEquals("0s", Readiness.human(Duration.ofSeconds(-5)));
        assertEquals("59s", Readiness.human(Duration.ofSeconds(59)));
        assertEquals("1m", Readiness.human(Duration.ofSeconds(60)));
        assertEquals("1m 1s", Readiness.human(Duration.ofSeconds(61)));
        assertEquals("59m 59s", Readiness.human(Duration.ofSeconds(3599)));
        assertEquals("1h", Readiness.human(Duration.ofHours(1)));
        assertEquals("1h 1m", Readiness.human(Duration.ofSeconds(3600 + 61)));
        assertEquals("2h", Readiness.human(Duration.ofHours(2)));
        assertEquals("25h 59m", Readiness.human(Duration.ofMinutes(25 * 60 + 59)));
    }

    @Test
    void aLineOfExactlyTheMaximumIsKeptWholeAndNoTextIsEmpty() {
        assertEquals("x".repeat(800), Readiness.clean("x".repeat(800)));
        assertEquals("x".repeat(800) + "...", Readiness.clean("x".repeat(801)));
        assertEquals("", Readiness.clean(null));
    }

    @Test
    void notFoundAfterOurUpdateFailsWithoutSayingItWasCreated() {
        assertEquals("SeldonDeployment staging/iris not found",
                new Wait(new LastWrite(LastWrite.Kind.UPDATED, T0)).poll(0, null).message());
    }

    @Test
    void failureDetailsSkipConditionsWithoutStatusAndDeploymentsThatAreFine() throws IOException {
        JsonNode status = JSON.readTree("""
                {"conditions": [
                   {"type": "Initialized"},
                   {"type": "DeploymentsReady", "status": "False"},
                   {"type": "ServicesReady", "status": "Unknown", "reason": "Pending"},
                   {"type": "Ready", "status": "False", "reason": "Timeout", "message": "Timeout"}],
                 "deploymentStatus": {
                   "quiet": {},
                   "available": {"status": "Available", "replicas": 2, "availableReplicas": 2},
                   "no-replica-count": {"availableReplicas": 0},
                   "short": {"replicas": 2, "availableReplicas": 1},
                   "failing": {"status": "Failed", "description": "Failed"}}}
                """);
        assertEquals("x; DeploymentsReady False; ServicesReady Unknown: Pending; Ready False: Timeout;"
                + " deployment short: 1/2 replicas available; deployment failing: Failed",
                Readiness.failureDetails(status, "x"));
    }

    @Test
    void fieldsTheServerSendsAsNullAreLeftOutNotPrintedAsNull() throws IOException {
        JsonNode status = JSON.readTree("""
                {"conditions": [
                   {"type": "Ready", "status": "False", "reason": null, "message": null},
                   {"type": null, "status": null, "reason": "Pending"}],
                 "deploymentStatus": {
                   "failing": {"status": "Failed", "description": null}}}
                """);
        assertEquals("x; Ready False; deployment failing: Failed", Readiness.failureDetails(status, "x"));
        Readiness r = new Readiness(ResourceKind.PIPELINE, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        JsonNode nullStatus = JSON.readTree("""
                {"status": {"conditions": [{"type": "Ready", "status": null, "reason": null}]}}
                """);
        assertEquals("Pipeline staging/iris: Ready Unknown",
                r.evaluate(nullStatus, r.start(T0, TIMEOUT, null), T0).logLine());
    }

    @Test
    void coreV2ConditionsWithoutStatusAreUnknownAndAllTrueWithoutReadyIsNotReadyYet() throws IOException {
        Readiness r = new Readiness(ResourceKind.PIPELINE, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        JsonNode noStatus = JSON.readTree("""
                {"status": {"conditions": [{"type": "PipelineReady", "status": "True"}, {"type": "Ready"}]}}
                """);
        assertEquals("Pipeline staging/iris: Ready Unknown",
                r.evaluate(noStatus, r.start(T0, TIMEOUT, null), T0).logLine());
        assertEquals("Pipeline staging/iris: no Ready condition yet",
                r.evaluate(v2(c("PipelineReady", "True")), r.start(T0, TIMEOUT, null), T0).logLine());
    }

    @Test
    void onlyTheOperatorsFailureConditionsFailACoreV2Wait() {
        Readiness pipeline = new Readiness(ResourceKind.PIPELINE, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        assertEquals(FAILED, pipeline.evaluate(v2(c("PipelineReady", "False", "PipelineFailed", "no models")),
                pipeline.start(T0, TIMEOUT, null), T0).status());
        // The failure reason on a condition that is not False, or on a condition of another kind, is not a failure.
        assertEquals(PENDING, pipeline.evaluate(v2(c("PipelineReady", "Unknown", "PipelineFailed")),
                pipeline.start(T0, TIMEOUT, null), T0).status());
        assertEquals(PENDING, pipeline.evaluate(v2(c("ModelsReady", "False", "PipelineFailed")),
                pipeline.start(T0, TIMEOUT, null), T0).status());
        Readiness model = new Readiness(ResourceKind.MODEL, "staging", "iris", 1, Duration.ZERO, Duration.ZERO);
        assertEquals(PENDING, model.evaluate(v2(c("ServerReady", "False", null, "ModelFailed")),
                model.start(T0, TIMEOUT, null), T0).status());
    }

    @Test
    void progressDescribesItselfForDebugging() {
        Wait wait = new Wait(null);
        wait.poll(0, sd("Creating", null));
        assertEquals("WaitProgress[deadline=2026-01-01T10:10:00Z, lastSeen=Creating, failed=0]", wait.progress.toString());
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

package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch jobs: definitions checked before sending, and the wait for a terminal phase, blocking and one poll at a time. */
class BatchJobsTest {

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private FakeSeldonApi api;
    private BatchJobs jobs;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        api = server.api;
        api.seed("models", FakeSeldonApi.deployment("iris", "gs://m/iris"));
        api.seed("models", FakeSeldonApi.model("classifier", "gs://m/c"));
        api.seed("models", FakeSeldonApi.pipeline("iris-pipeline", "classifier"));
        jobs = new BatchJobs(server.client, log, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ObjectNode definition() {
        return Json.object().put("inputData", "s3://data/in.txt").put("outputData", "s3://data/out.txt")
                .put("batchDataType", "data").put("batchSize", 10).put("batchWorkers", 2).put("batchInterval", 0.5);
    }

    @Test
    void aJobRunsUntilItSucceedsAndItsDescriptionIsReturned() throws Exception {
        BatchJobWait wait = jobs.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", definition());

        ObjectNode description = jobs.await(wait, Duration.ofMinutes(5), Duration.ofMillis(5));

        assertEquals("Succeeded", description.path("workflowStatus").asText());
        assertEquals(wait.workflow(), description.path("workflowName").asText());
        assertEquals(List.of("Started batch job " + wait.workflow() + " of SeldonDeployment models/iris",
                "Waiting up to 5m for batch job " + wait.workflow() + " of SeldonDeployment models/iris to finish",
                "Batch job " + wait.workflow() + " of SeldonDeployment models/iris: Pending",
                "Batch job " + wait.workflow() + " of SeldonDeployment models/iris: Running",
                "Batch job " + wait.workflow() + " of SeldonDeployment models/iris succeeded (started "
                        + description.path("StartedAt").asText() + ", finished "
                        + description.path("FinishedAt").asText() + ")"), log.lines);
        assertEquals(definition(), api.writes().get(0).body());
    }

    @Test
    void aFailedJobFailsNamingThePhaseAndTheWorkflow() throws Exception {
        api.batchJobPhases("Running", "Error");
        BatchJobWait wait = jobs.create(ResourceKind.PIPELINE, "models", "iris-pipeline", definition());

        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> jobs.await(wait, Duration.ofMinutes(5), Duration.ofMillis(5)));

        assertTrue(e.getMessage().startsWith("Batch job " + wait.workflow() + " of Pipeline models/iris-pipeline ended"
                + " in phase Error"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(workflow " + wait.workflow() + ")."), e.getMessage());
    }

    @Test
    void definitionsAreCheckedBeforeAnythingIsSent() {
        ObjectNode typo = definition().put("batchSzie", 10);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> jobs.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", typo));
        assertTrue(e.getMessage().startsWith("definition: 'batchSzie' is not a field of a batch job definition"),
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> jobs.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris",
                definition().put("batchSize", "10")));
        assertThrows(InvalidInputException.class, () -> jobs.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris",
                definition().put("batchSize", 1.5)));
        ObjectNode noOutput = definition();
        noOutput.remove("outputData");
        assertThrows(InvalidInputException.class,
                () -> jobs.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", noOutput));
        assertThrows(InvalidInputException.class,
                () -> jobs.create(ResourceKind.MODEL, "models", "classifier", definition()));
        assertThrows(InvalidInputException.class,
                () -> BatchJobs.definition(Json.object().arrayNode(), "file.json"));
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void onePollAtATimeFromPendingToTimedOutWithAnAbsoluteDeadline() throws Exception {
        BatchJobWait wait = new BatchJobWait(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", "wf-1");
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        BatchJobWait.Progress p = wait.start(t0, Duration.ofMinutes(10));
        assertNull(p.phase());

        BatchJobWait.Verdict running = wait.evaluate(job("Running"), p, t0.plusSeconds(10));
        assertEquals(BatchJobWait.Verdict.Status.PENDING, running.status());
        assertEquals("Batch job wf-1 of SeldonDeployment models/iris: Running", running.logLine());
        BatchJobWait.Verdict same = wait.evaluate(job("Running"), running.next(), t0.plusSeconds(20));
        assertNull(same.logLine(), "an unchanged phase is not logged again");

        BatchJobWait.Progress restored = roundTrip(same.next());
        assertEquals(t0.plus(Duration.ofMinutes(10)), restored.deadline());
        BatchJobWait.Verdict late = wait.evaluate(job("Running"), restored, t0.plus(Duration.ofMinutes(10)));
        assertEquals(BatchJobWait.Verdict.Status.TIMED_OUT, late.status());
        assertEquals("Timed out after 10m waiting for batch job wf-1 of SeldonDeployment models/iris to finish; last"
                + " phase: Running. The job goes on: the API cannot stop it; follow it in the platform's UI or Argo"
                + " Workflows.", late.message());
    }

    @Test
    void readFailuresThatMayPassWaitAndOthersEndTheWait() throws Exception {
        BatchJobWait wait = new BatchJobWait(ResourceKind.PIPELINE, "models", "p", "wf-2");
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        BatchJobWait.Progress p = wait.start(t0, Duration.ofMinutes(10));

        NetworkException network = new NetworkException("refused", NetworkException.Reason.CONNECTION_REFUSED, "h",
                null);
        BatchJobWait.Verdict retried = wait.evaluateError(network, p, t0.plusSeconds(5));
        assertEquals(BatchJobWait.Verdict.Status.PENDING, retried.status());
        assertTrue(retried.warning());

        NotFoundException missing = new NotFoundException("workflow not found", 500, "not found", null);
        assertEquals(BatchJobWait.Verdict.Status.PENDING, wait.evaluateError(missing, p, t0.plusSeconds(30)).status(),
                "not visible yet, right after the start");
        assertEquals(BatchJobWait.Verdict.Status.FAILED, wait.evaluateError(missing, p, t0.plusSeconds(61)).status());

        ApiAuthException refused = new ApiAuthException("forbidden", 403, "forbidden", null);
        assertEquals(refused, assertThrows(ApiAuthException.class, () -> wait.evaluateError(refused, p, t0)));
    }

    @Test
    void eachFieldOfADefinitionIsCheckedForItsTypeAndTheMessageSaysWhichType() throws Exception {
        ObjectNode valid = definition().put("batchInterval", 1);
        assertSame(valid, BatchJobs.definition(valid, "definition"));
        assertEquals("job.json: inputData must be text, not 5", assertThrows(InvalidInputException.class,
                () -> BatchJobs.definition(definition().put("inputData", 5), "job.json")).getMessage());
        assertEquals("job.json: batchSize must be a whole number, not 1.5", assertThrows(InvalidInputException.class,
                () -> BatchJobs.definition(definition().put("batchSize", 1.5), "job.json")).getMessage());
        assertEquals("job.json: batchInterval must be a number, not \"1\"", assertThrows(InvalidInputException.class,
                () -> BatchJobs.definition(definition().put("batchInterval", "1"), "job.json")).getMessage());
        for (String required : List.of("inputData", "outputData")) {
            ObjectNode without = definition();
            without.remove(required);
            String data = required.equals("inputData") ? "input" : "output";
            assertEquals("job.json: give " + required + ", the URI of the job's " + data + " data, e.g. s3://bucket/"
                    + data + ".txt", assertThrows(InvalidInputException.class,
                    () -> BatchJobs.definition(without, "job.json")).getMessage());
        }
        assertEquals("Batch jobs run through a SeldonDeployment or a Pipeline, not a Model",
                assertThrows(InvalidInputException.class, () -> jobs.create(ResourceKind.MODEL, "models",
                        "classifier", definition())).getMessage());
    }

    @Test
    void aStartedJobWithoutWorkflowNameCannotBeFollowed() throws Exception {
        try (LocalHttpServer other = LocalHttpServer.http()) {
            other.on(FakeSeldonApi.BASE_PATH + "/namespaces/models/seldondeployments/iris/batchjobs",
                    (ex, r) -> LocalHttpServer.json(ex, 200, "{}"));
            BatchJobs onOther = new BatchJobs(server.clientOf(other.url()), log, clock);

            UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                    () -> onOther.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", definition()));

            assertTrue(e.getMessage().contains("started a batch job for SeldonDeployment models/iris but did not say"
                    + " its workflowName"), e.getMessage());
        }
    }

    @Test
    void aWaitLogsEachNewPhaseOnceAndAFailedReadAsAWarningAndNeedsAPositivePollInterval() throws Exception {
        BatchJobWait wait = jobs.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", definition());
        api.scriptBatchJob(wait.workflow(), "Running", "Running", "Succeeded");
        api.failNextRequest(500, "etcd is busy");
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
            assertThrows(IllegalArgumentException.class, () -> jobs.await(wait, Duration.ofMinutes(5), bad));
        }

        jobs.await(wait, Duration.ofMinutes(5), Duration.ofMillis(1));

        String subject = "Batch job " + wait.workflow() + " of SeldonDeployment models/iris";
        assertEquals(5, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(2).startsWith("WARN " + subject + ": could not read its phase ("), log.lines.get(2));
        assertTrue(log.lines.get(2).endsWith("); will retry"), log.lines.get(2));
        assertEquals(subject + ": Running", log.lines.get(3));
        assertTrue(log.lines.get(4).startsWith(subject + " succeeded"), log.lines.get(4));
    }

    @Test
    void aJobNotStartedYetOrNotVisibleYetIsPendingUntilItsGraceOrTheDeadline() throws Exception {
        BatchJobWait wait = new BatchJobWait(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", "wf-3");
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> wait.start(t0, Duration.ofSeconds(-1)));
        BatchJobWait.Progress p = wait.start(t0, Duration.ofMinutes(2));

        BatchJobWait.Verdict notStarted = wait.evaluate(Json.object(), p, t0.plusSeconds(1));
        assertEquals("Batch job wf-3 of SeldonDeployment models/iris: not started yet", notStarted.logLine());
        assertEquals("", notStarted.next().phase());
        assertEquals("Timed out after 2m waiting for batch job wf-3 of SeldonDeployment models/iris to finish; last"
                + " phase: not started. The job goes on: the API cannot stop it; follow it in the platform's UI or Argo"
                + " Workflows.", wait.evaluate(job(""), notStarted.next(), t0.plusSeconds(120)).message());

        NotFoundException missing = new NotFoundException("workflow not found", 404, "not found", null);
        BatchJobWait.Verdict invisible = wait.evaluateError(missing, p, t0.plusSeconds(60));
        assertEquals(BatchJobWait.Verdict.Status.PENDING, invisible.status(), "60 s are still within the grace");
        assertEquals("Batch job wf-3 of SeldonDeployment models/iris: not visible yet", invisible.logLine());
        assertFalse(invisible.warning());
        BatchJobWait.Verdict gone = wait.evaluateError(missing, p, t0.plusSeconds(61));
        assertEquals("Batch job wf-3 of SeldonDeployment models/iris was not found: workflow not found", gone.message());

        ServerErrorException busy = new ServerErrorException("busy", 500, "busy", null);
        BatchJobWait.Verdict later = wait.evaluateError(busy, p, t0.plusSeconds(90));
        assertEquals(BatchJobWait.Verdict.Status.PENDING, later.status(), "a server error is no missing job");
        assertTrue(later.warning());
        BatchJobWait.Verdict timedOut = wait.evaluateError(busy, p, t0.plusSeconds(120));
        assertEquals(BatchJobWait.Verdict.Status.TIMED_OUT, timedOut.status());
        assertTrue(timedOut.message().contains("; last phase: unknown."), timedOut.message());
    }

    @Test
    void theTimesOfAFinishedJobAreTheOnesItHas() {
        BatchJobWait wait = new BatchJobWait(ResourceKind.PIPELINE, "models", "p", "wf-4");
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        BatchJobWait.Progress p = wait.start(t0, Duration.ofMinutes(2));
        ObjectNode started = job("Succeeded");
        ((ObjectNode) started.get("Description")).put("StartedAt", "10:00");
        ObjectNode finished = job("Failed");
        ((ObjectNode) finished.get("Description")).put("FinishedAt", "10:05");

        assertEquals("Batch job wf-4 of Pipeline models/p succeeded",
                wait.evaluate(job("Succeeded"), p, t0).message());
        assertEquals("Batch job wf-4 of Pipeline models/p succeeded (started 10:00)",
                wait.evaluate(started, p, t0).message());
        assertEquals("Batch job wf-4 of Pipeline models/p ended in phase Failed (finished 10:05). Its logs are in Argo"
                + " Workflows (workflow wf-4).", wait.evaluate(finished, p, t0).message());
    }

    private static ObjectNode job(String phase) {
        ObjectNode job = Json.object();
        job.putObject("Description").put("workflowName", "wf").put("workflowStatus", phase);
        return job;
    }

    private static BatchJobWait.Progress roundTrip(BatchJobWait.Progress progress) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(progress);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (BatchJobWait.Progress) in.readObject();
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Result;
import io.jenkins.plugins.seldon.build.SeldonChangesAction;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The steps per kind and {@code seldonApply} of several kinds, as a Pipeline uses them, and the build page's record. */
@WithJenkins
class CoreV2StepsTest {

    private static final String RELEASE = """
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Model
            metadata: {name: iris}
            spec: {storageUri: 'gs://models/iris/v2', requirements: [sklearn]}
            ---
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Pipeline
            metadata: {name: iris-pipeline}
            spec: {steps: [{name: iris}], output: {steps: [iris]}}
            """;

    private SeldonFixture seldon;

    @BeforeEach
    void startSeldon() throws Exception {
        seldon = SeldonFixture.start();
    }

    @AfterEach
    void stopSeldon() {
        seldon.close();
    }

    private static WorkflowRun run(JenkinsRule j, WorkflowJob job, String script, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void appliesSeveralKindsWaitsAndUsesTheStepsOfEachKind(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowJob job = j.createProject(WorkflowJob.class, "release");
        WorkflowRun b = run(j, job, "def applied = seldonApply(namespace: 'models', manifest: '''" + RELEASE + "''',"
                + " wait: true, timeout: 60, pollInterval: 1)\n"
                + "echo \"applied=${applied.collect { it.kind + '/' + it.metadata.name }}\"\n"
                + "echo \"pipeline=${seldonGetPipeline(namespace: 'models', name: 'iris-pipeline').metadata.name}\"\n"
                + "echo \"model=${seldonGetModel(namespace: 'models', name: 'iris').spec.storageUri}\"\n"
                + "echo \"pipelines=${seldonListPipelines(namespace: 'models').size()}\"\n"
                + "echo \"models=${seldonListPipelineModels(namespace: 'models', pipeline: 'iris-pipeline').size()}\"\n"
                + "seldonWaitForModel(namespace: 'models', name: 'iris', timeout: 60, pollInterval: 1)\n"
                + "echo \"deleted=${seldonDeletePipeline(namespace: 'models', name: 'iris-pipeline')}\"\n"
                + "echo \"again=${seldonDeletePipeline(namespace: 'models', name: 'iris-pipeline', allowMissing: true)}\"\n",
                Result.SUCCESS);
        j.assertLogContains("applied=[Model/iris, Pipeline/iris-pipeline]", b);
        j.assertLogContains("Pipeline models/iris-pipeline is ready", b);
        j.assertLogContains("pipeline=iris-pipeline", b);
        j.assertLogContains("model=gs://models/iris/v2", b);
        j.assertLogContains("pipelines=1", b);
        j.assertLogContains("models=1", b);
        j.assertLogContains("deleted=true", b);
        j.assertLogContains("again=false", b);
        assertNull(seldon.api().stored("Pipeline", "models", "iris-pipeline"));
        assertNotNull(seldon.api().stored("Model", "models", "iris"));

        SeldonChangesAction changes = b.getAction(SeldonChangesAction.class);
        assertEquals(List.of("created", "created", "deleted", "not found"),
                changes.getChanges().stream().map(SeldonChangesAction.Record::getAction).toList());
        assertEquals("2 created, 1 deleted, 1 not found", changes.getSummary());

        // The same record through the REST API, e.g. for a dashboard.
        JsonNode exported = new ObjectMapper().readTree(get(j, b.getUrl() + "seldon/api/json?depth=1"));
        assertEquals("Model", exported.at("/changes/0/kind").asText());
        assertEquals("iris", exported.at("/changes/0/name").asText());
        assertEquals(SeldonFixture.SERVER, exported.at("/changes/0/server").asText());
        // And on the build's pages, which render every record.
        assertTrue(get(j, b.getUrl() + "seldon/").contains("iris-pipeline"));
        assertTrue(get(j, b.getUrl()).contains("2 created, 1 deleted, 1 not found"));
    }

    private static String get(JenkinsRule j, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(new URL(j.getURL(), path).toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    @Test
    void aDryRunSaysWhatWouldChangeAndSendsNothing(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        seldon.api().seed("models", FakeSeldonApi.model("iris", "gs://models/iris/v1"));
        seldon.api().clearRecords();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "preview"),
                "def plan = seldonApply(namespace: 'models', manifest: '''" + RELEASE + "''', dryRun: true)\n"
                + "echo \"plan=${plan.collect { it.action + ' ' + it.kind }}\"\n",
                Result.SUCCESS);
        j.assertLogContains("plan=[updated Model, created Pipeline]", b);
        j.assertLogContains("Dry run: would update Model models/iris", b);
        j.assertLogContains("gs://models/iris/v2", b);
        assertTrue(seldon.api().writes().isEmpty(), "nothing was sent: " + seldon.api().writes());
        assertEquals("gs://models/iris/v1", seldon.api().stored("Model", "models", "iris").at("/spec/storageUri").asText());
        SeldonChangesAction changes = b.getAction(SeldonChangesAction.class);
        assertTrue(changes.getChanges().stream().allMatch(SeldonChangesAction.Record::isDryRun));
    }

    @Test
    void aWaitAfterAnApplyThatStaysFailedFailsTheBuildWithTheReason(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        seldon.api().defaultStatusScript(FakeSeldonApi.StatusStep.failed("model iris failed to load"));
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "broken"),
                "seldonApply(namespace: 'models', manifest: '''" + RELEASE + "''', wait: true, timeout: 30,"
                + " pollInterval: 1)", Result.FAILURE);
        j.assertLogContains("model iris failed to load", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(2, b.getAction(SeldonChangesAction.class).getChanges().size(), "both creates were recorded");
    }

    @Test
    void invalidWaitSettingsAreRefusedBeforeAnythingIsSent(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "bad-wait"),
                "seldonWaitForPipeline(namespace: 'models', name: 'iris-pipeline', timeout: 0)", Result.FAILURE);
        j.assertLogContains("timeout: must be at least 1 second, not 0", b);
        j.assertLogNotContains("\tat ", b);
        assertTrue(seldon.api().requests().isEmpty());
    }
}

package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.seldon.build.SeldonChangesAction;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Canaries, shadows and the gated canary as a Pipeline uses them, against the fake API: the gate's promote and
 * roll-back paths, an abort during the gate, and what the build page records.
 */
@WithJenkins
class RolloutStepsTest {

    /** The candidate of the main pipeline {@code iris}: a Model and a Pipeline labelled as its canary. */
    private static final String CANDIDATE = """
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Model
            metadata: {name: model-b}
            spec: {storageUri: 'gs://models/iris/2', requirements: [sklearn]}
            ---
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Pipeline
            metadata:
              name: iris-v2
              labels: {seldon.io/pipeline: iris, seldon.io/experiment: canary}
            spec: {steps: [{name: model-b}], output: {steps: [model-b]}}
            """;

    private SeldonFixture seldon;

    @BeforeEach
    void startSeldon() throws Exception {
        seldon = SeldonFixture.start();
        seldon.api().seed("models", FakeSeldonApi.pipeline("iris", "model-a"));
    }

    @AfterEach
    void stopSeldon() {
        seldon.close();
    }

    private static WorkflowRun run(JenkinsRule j, WorkflowJob job, String script, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private static List<String> recorded(WorkflowRun b) {
        SeldonChangesAction changes = b.getAction(SeldonChangesAction.class);
        return changes == null ? List.of() : changes.getChanges().stream()
                .map(r -> r.getAction() + " " + r.getKind() + " " + r.getName()).toList();
    }

    @Test
    void aPassingGatePromotesTheCanaryAndTheGateCanReachTheCandidate(JenkinsRule j) throws Exception {
        SeldonServer server = seldon.configureJenkins();
        server.setInferenceUrl("https://seldon.example.com/");
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "gated"),
                "def r = seldonCanary(namespace: 'models', pipeline: 'iris', manifest: '''" + CANDIDATE + "''',"
                + " weight: 20, timeout: 60, pollInterval: 1) {\n"
                + "  echo \"candidate=${env.SELDON_CANDIDATE} main=${env.SELDON_MAIN} weight=${env.SELDON_CANARY_WEIGHT}\"\n"
                + "  echo \"url=${env.SELDON_CANDIDATE_URL}\"\n"
                + "  echo \"header=${env.SELDON_CANDIDATE_MODEL_HEADER}\"\n"
                + "  'gate result'\n"
                + "}\n"
                + "echo \"returned=${r}\"\n"
                + "echo \"after=${seldonGetTrafficSplit(namespace: 'models', pipeline: 'iris').description}\"",
                Result.SUCCESS);
        j.assertLogContains("candidate=iris-v2 main=iris weight=20", b);
        j.assertLogContains("url=https://seldon.example.com/v2/models/iris-v2/infer", b);
        j.assertLogContains("header=Seldon-Model: iris-v2.pipeline", b);
        j.assertLogContains("returned=gate result", b);
        j.assertLogContains("canary iris-v2 promoted", b);
        assertTrue(recorded(b).contains("created Pipeline iris-v2"), recorded(b).toString());
        assertTrue(recorded(b).stream().anyMatch(r -> r.startsWith("canary promoted")), recorded(b).toString());
    }

    @Test
    void aFailingGateRemovesTheCanaryAndFailsWithTheGatesFailure(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "gate-fails"),
                "seldonCanary(namespace: 'models', pipeline: 'iris', manifest: '''" + CANDIDATE + "''', weight: 20,"
                + " timeout: 60, pollInterval: 1) {\n"
                + "  error 'smoke test: 3 of 10 predictions wrong'\n"
                + "}\n"
                + "echo 'not reached'", Result.FAILURE);
        j.assertLogContains("smoke test: 3 of 10 predictions wrong", b);
        j.assertLogContains("Rolling back the canary iris-v2", b);
        j.assertLogContains("Roll-back: canary iris-v2 removed; iris serves 100%", b);
        j.assertLogNotContains("not reached", b);
        assertTrue(recorded(b).stream().anyMatch(r -> r.startsWith("canary removed")), recorded(b).toString());
        assertNull(seldon.api().stored("Experiment", "models", "iris"), "no experiment is left");
    }

    @Test
    void aGateThatMakesTheBuildUnstableHasFailed(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "unstable-gate"),
                "seldonCanary(namespace: 'models', pipeline: 'iris', manifest:  + CANDIDATE + , weight: 20,"
                + " timeout: 60, pollInterval: 1) {\n"
                + "  unstable 'smoke test: 1 of 10 predictions wrong'\n"
                + "}", Result.FAILURE);
        j.assertLogContains("The gate made the build UNSTABLE (e.g. failed tests), so the canary was rolled back", b);
        j.assertLogContains("Roll-back: canary iris-v2 removed", b);
        assertTrue(recorded(b).stream().noneMatch(r -> r.startsWith("canary promoted")), recorded(b).toString());
    }

    @Test
    void anAbortDuringTheGateRemovesTheCanaryAndTheBuildIsAborted(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowJob job = j.createProject(WorkflowJob.class, "aborted");
        job.setDefinition(new CpsFlowDefinition("seldonCanary(namespace: 'models', pipeline: 'iris', manifest: '''"
                + CANDIDATE + "''', weight: 20, timeout: 60, pollInterval: 1) {\n"
                + "  echo 'gate running'\n"
                + "  sleep 600\n"
                + "}", true));
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("gate running", b);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("Roll-back: canary iris-v2 removed", b);
        assertNull(seldon.api().stored("Experiment", "models", "iris"), "no experiment is left");
    }

    @Test
    void aCandidateWithoutItsLabelsIsRefusedBeforeAnythingIsSent(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        seldon.api().clearRecords();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "unlabelled"),
                "seldonCanary(namespace: 'models', pipeline: 'iris', manifest: '''"
                + CANDIDATE.replace("seldon.io/experiment: canary", "team: ml") + "''', weight: 20) { echo 'gate' }",
                Result.FAILURE);
        j.assertLogContains("the label seldon.io/experiment is missing; it needs seldon.io/experiment: canary", b);
        j.assertLogNotContains("gate", b);
        assertTrue(seldon.api().writes().isEmpty(), seldon.api().writes().toString());
    }

    @Test
    void theStepsOfEachVerbChangeAndReadTheSplit(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "verbs"),
                "seldonApply(namespace: 'models', manifest: '''" + CANDIDATE + "''')\n"
                + "def started = seldonStartCanary(namespace: 'models', pipeline: 'iris', candidate: 'iris-v2', weight: 10)\n"
                + "echo \"started=${started.action}\"\n"
                + "seldonSetCanaryWeight(namespace: 'models', pipeline: 'iris', weight: 50)\n"
                + "def split = seldonGetTrafficSplit(namespace: 'models', pipeline: 'iris')\n"
                + "echo \"canary=${split.canary} at ${split.canaryPercent}\"\n"
                + "seldonRemoveCanary(namespace: 'models', pipeline: 'iris')\n"
                + "echo \"again=${seldonRemoveCanary(namespace: 'models', pipeline: 'iris', allowMissing: true).action}\"\n",
                Result.SUCCESS);
        j.assertLogContains("started=canary started", b);
        j.assertLogContains("canary=iris-v2 at 50", b);
        j.assertLogContains("again=unchanged", b);
        assertNotNull(seldon.api().stored("Pipeline", "models", "iris-v2"), "the candidate is left in place");
    }

    @Test
    void bothTargetsAtOnceAreRefused(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "both"),
                "seldonPromoteCanary(namespace: 'models', pipeline: 'iris', deployment: 'iris')", Result.FAILURE);
        j.assertLogContains("Give either pipeline: or deployment:, not both", b);
        j.assertLogNotContains("\tat ", b);
    }

    @Test
    void aPromotionBetweenNamespacesNamesItsSource(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        seldon.api().seed("staging", FakeSeldonApi.model("iris", "gs://models/iris/7"));
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "promote"),
                "def preview = seldonPromote(kind: 'Model', name: 'iris', fromNamespace: 'staging', namespace: 'models',"
                + " dryRun: true)\n"
                + "echo \"preview=${preview.action}\"\n"
                + "def done = seldonPromote(kind: 'Model', name: 'iris', fromNamespace: 'staging', namespace: 'models')\n"
                + "echo \"done=${done.action}\"\n"
                + "echo \"again=${seldonPromote(kind: 'Model', name: 'iris', fromNamespace: 'staging', namespace: 'models').action}\"",
                Result.SUCCESS);
        j.assertLogContains("preview=created", b);
        j.assertLogContains("done=created", b);
        j.assertLogContains("again=unchanged", b);
        assertEquals("gs://models/iris/7", seldon.api().stored("Model", "models", "iris").at("/spec/storageUri").asText());
        FakeSeldonApi.Write write = seldon.api().writes().get(seldon.api().writes().size() - 1);
        assertTrue(write.message().startsWith("Promoted from Model staging/iris"), write.message());

        WorkflowRun wrongKind = run(j, j.createProject(WorkflowJob.class, "wrong-kind"),
                "seldonPromote(kind: 'Deployment', name: 'iris', fromNamespace: 'staging')", Result.FAILURE);
        j.assertLogContains("kind: must be one of SeldonDeployment, Pipeline, Model, Experiment, not 'Deployment'",
                wrongKind);
    }
}

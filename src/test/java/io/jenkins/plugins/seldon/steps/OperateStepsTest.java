package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
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
 * The steps that operate what is deployed, as a delivery Pipeline uses them against the fake API: the predict gate,
 * model metadata, GitOps history and roll-back, batch jobs, load tests, detectors, validation, who am I, and
 * {@code seldonApi} with its per-server switch and token rule.
 */
@WithJenkins
class OperateStepsTest {

    private SeldonFixture seldon;

    @BeforeEach
    void startSeldon() throws Exception {
        seldon = SeldonFixture.start();
        seldon.api().seed("models", FakeSeldonApi.deployment("iris", "gs://models/iris"));
        seldon.api().seed("models", FakeSeldonApi.model("classifier", "gs://models/c"));
        seldon.api().seed("models", FakeSeldonApi.pipeline("iris-pipeline", "classifier"));
    }

    @AfterEach
    void stopSeldon() {
        seldon.close();
    }

    private static WorkflowRun run(JenkinsRule j, String name, String script, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void aPredictionIsAGateThatFailsWithWhatCame(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun ok = run(j, "smoke", "def answer = seldonPredict(namespace: 'models', deployment: 'iris',"
                + " payload: [data: [ndarray: [[5.1, 3.5, 1.4, 0.2]]]], expect: '/data/ndarray/0/2',"
                + " expectEquals: '0.7')\n"
                + "echo \"top=${answer.data.ndarray[0][2]}\"", Result.SUCCESS);
        j.assertLogContains("top=0.7", ok);
        j.assertLogContains("meets its expectation", ok);
        j.assertLogNotContains("5.1", ok);

        WorkflowRun wrong = run(j, "smoke-fails", "seldonPredict(namespace: 'models', deployment: 'iris',"
                + " json: '{\"data\":{\"ndarray\":[[1,2,3,4]]}}', expect: '/data/ndarray/0/0', expectEquals: '0.9')\n"
                + "echo 'not reached'", Result.FAILURE);
        j.assertLogContains("does not meet its expectation: value at /data/ndarray/0/0 is 0.1, expected 0.9", wrong);
        j.assertLogNotContains("not reached", wrong);
        j.assertLogNotContains("\tat ", wrong);
    }

    @Test
    void aPipelineIsAskedAtTheServersInferenceUrl(JenkinsRule j) throws Exception {
        SeldonServer server = seldon.configureJenkins();
        server.setInferenceUrl(seldon.api().baseUrl().toString());
        WorkflowRun b = run(j, "pipeline-smoke", "def a = seldonPredict(namespace: 'models', pipeline: 'iris-pipeline',"
                + " payload: [inputs: []], expect: '/outputs/0/data/0', expectEquals: '2')\n"
                + "echo \"model=${a.model_name}\"", Result.SUCCESS);
        j.assertLogContains("model=iris-pipeline", b);
        assertEquals("iris-pipeline.pipeline", seldon.api().predictions().get(0).seldonModelHeader());
    }

    @Test
    void registeringModelMetadataTwiceChangesNothingAndAnotherRecordFails(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        String register = "seldonRegisterModelMetadata(uri: 'gs://models/iris/v2', name: 'iris', version: 'v2',"
                + " artifactType: 'sklearn', project: 'default', tags: [owner: 'ml'], metrics: [accuracy: 0.97])";
        WorkflowRun b = run(j, "register", "echo \"first=${" + register + ".action}\"\necho \"again=${" + register
                + ".action}\"", Result.SUCCESS);
        j.assertLogContains("first=created", b);
        j.assertLogContains("again=unchanged", b);
        assertEquals(1, seldon.api().modelMetadata().size());

        WorkflowRun differs = run(j, "register-differs", "seldonRegisterModelMetadata(uri: 'gs://models/iris/v2',"
                + " version: 'v3', project: 'default')", Result.FAILURE);
        j.assertLogContains("is already registered with other values: version: \"v2\" -> \"v3\"", differs);
        WorkflowRun listed = run(j, "list-metadata", "echo \"found=${seldonListModelMetadata(name: 'iris').size()}\"",
                Result.SUCCESS);
        j.assertLogContains("found=1", listed);
    }

    @Test
    void aGitOpsHistoryIsReadAndADeploymentRevertedThenWaitedFor(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        seldon.api().gitOpsNamespace("prod", 0);
        String apply = "seldonApply(namespace: 'prod', resource: [apiVersion: 'machinelearning.seldon.io/v1',"
                + " kind: 'SeldonDeployment', metadata: [name: 'iris'], spec: [predictors: [[name: 'default',"
                + " graph: [name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://m/%s']]]]])\n";
        WorkflowRun b = run(j, "rollback", String.format(apply, "v1") + String.format(apply, "v2")
                + "def log = seldonGetGitLog(namespace: 'prod', kind: 'SeldonDeployment', name: 'iris')\n"
                + "echo \"commits=${log.size()}\"\n"
                + "def diff = seldonGetGitDiff(namespace: 'prod', kind: 'SeldonDeployment', name: 'iris',"
                + " hash: log[0].Hash)\n"
                + "echo \"changed=${diff.ChangeType}\"\n"
                + "def change = seldonRevertDeployment(namespace: 'prod', name: 'iris', hash: log[0].Hash,"
                + " message: 'v2 failed its smoke test')\n"
                + "echo \"action=${change.action}\"\n"
                + "seldonWaitForDeployment(namespace: 'prod', name: 'iris', timeout: 60, pollInterval: 1)\n"
                + "echo \"status=${seldonGetGitOpsStatus(namespace: 'prod').gitops}\"", Result.SUCCESS);
        j.assertLogContains("commits=2", b);
        j.assertLogContains("changed=Modify", b);
        j.assertLogContains("action=reverted", b);
        j.assertLogContains("status=true", b);
        assertEquals("gs://m/v1", seldon.api().stored("prod", "iris").at("/spec/predictors/0/graph/modelUri")
                .asText());
        FakeSeldonApi.GitCommit last = seldon.api().gitHistory().get(seldon.api().gitHistory().size() - 1);
        assertEquals("Deployment reverted", last.auditAction());
        assertEquals("v2 failed its smoke test", last.message());
        List<String> recorded = b.getAction(SeldonChangesAction.class).getChanges().stream()
                .map(SeldonChangesAction.Record::getAction).toList();
        assertTrue(recorded.contains("reverted"), recorded.toString());
    }

    @Test
    void aBatchJobRunsToItsEndOrFailsNamingItsPhase(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        String job = "seldonRunBatchJob(namespace: 'models', deployment: 'iris', definition: [inputData:"
                + " 's3://data/in.txt', outputData: 's3://data/out.txt', batchSize: 10], pollInterval: 1)";
        WorkflowRun ok = run(j, "batch", "echo \"phase=${" + job + ".workflowStatus}\"", Result.SUCCESS);
        j.assertLogContains("phase=Succeeded", ok);

        seldon.api().batchJobPhases("Running", "Failed");
        WorkflowRun failed = run(j, "batch-fails", job, Result.FAILURE);
        j.assertLogContains("ended in phase Failed", failed);
        j.assertLogContains("(workflow seldon-batch-process-2)", failed);

        WorkflowRun typo = run(j, "batch-typo", "seldonRunBatchJob(namespace: 'models', deployment: 'iris',"
                + " definition: [inputData: 's3://a', outputData: 's3://b', batchSzie: 10])", Result.FAILURE);
        j.assertLogContains("'batchSzie' is not a field of a batch job definition", typo);
        assertEquals(2, seldon.api().batchJobNames().size(), "nothing was sent for the typo");
    }

    @Test
    void loadTestsAndDetectorsShipWithTheModel(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, "monitoring", "seldonCreateDetector(namespace: 'models', pipeline: 'iris-pipeline',"
                + " type: 'drift', detector: 'iris-drift', config: [basic: [storage_uri: 's3://d/drift']])\n"
                + "seldonCreateDetector(namespace: 'models', pipeline: 'iris-pipeline', type: 'drift',"
                + " detector: 'iris-drift', config: [basic: [storage_uri: 's3://d/drift']])\n"
                + "echo \"detectors=${seldonListDetectors(namespace: 'models', pipeline: 'iris-pipeline',"
                + " type: 'drift-detector').size()}\"\n"
                + "seldonCreateLoadTest(namespace: 'models', deployment: 'iris', payload: [data: [ndarray: [[1]]]],"
                + " connections: 2, duration: 30)\n"
                + "def job = seldonListLoadTests(namespace: 'models', deployment: 'iris').message\n"
                + "echo \"deleted=${seldonDeleteLoadTest(namespace: 'models', deployment: 'iris', job: job)}\"\n"
                + "echo \"again=${seldonDeleteLoadTest(namespace: 'models', deployment: 'iris', job: job,"
                + " allowMissing: true)}\"", Result.SUCCESS);
        j.assertLogContains("already exists as configured; nothing sent", b);
        j.assertLogContains("detectors=1", b);
        j.assertLogContains("its results are in the platform's UI", b);
        j.assertLogContains("deleted=true", b);
        j.assertLogContains("again=false", b);
    }

    @Test
    void aManifestIsValidatedByTheServerWithoutBeingApplied(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, "validate", "def r = seldonValidateDeployment(namespace: 'models', manifest: '''"
                + "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: candidate}\n"
                + "spec: {predictors: [{name: default, graph: {name: c, modelUri: 'gs://m/2'}}]}''')\n"
                + "echo \"valid=${r.valid}\"", Result.SUCCESS);
        j.assertLogContains("valid=true", b);
        assertEquals(null, seldon.api().stored("models", "candidate"));
    }

    @Test
    void whoAmISaysWhoTheBuildIsAndWhatTheServerRuns(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, "whoami", "def me = seldonWhoAmI()\necho \"groups=${me.user.groups} release=${me.release}"
                + " supported=${me.supported}\"", Result.SUCCESS);
        j.assertLogContains("groups=[ml-engineers] release=2.4 supported=true", b);
        j.assertLogNotContains(SeldonFixture.CANARY_SECRET, b);
    }

    @Test
    void seldonApiIsOffUntilAnAdministratorAllowsItAndRunsWithTheServersPrincipalOnlyWhereTokensMayGoToJobs(
            JenkinsRule j) throws Exception {
        SeldonServer server = seldon.configureJenkins();
        String call = "def r = seldonApi(method: 'GET', path: '/namespaces/models/seldondeployments/iris/resources')\n"
                + "echo \"components=${r.size()}\"";
        WorkflowRun off = run(j, "api-off", call, Result.FAILURE);
        j.assertLogContains("does not allow seldonApi", off);

        server.setApiStepEnabled(true);
        WorkflowRun ownPrincipal = run(j, "api-server-principal", call, Result.FAILURE);
        j.assertLogContains("does not let seldonApi run with its own principal", ownPrincipal);
        assertTrue(seldon.api().requests().isEmpty(), "nothing was sent");

        seldon.acceptClient("team-ml", "team-secret-0a9b");
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "team", "", "team-ml", "team-secret-0a9b"));
        WorkflowRun own = run(j, "api-own", call.replace("/resources')", "/resources', credentialsId: 'team')"),
                Result.SUCCESS);
        j.assertLogContains("components=0", own);

        server.setJobsMayReceiveTokens(true);
        server.setApiStepAllowedPaths("GET /namespaces/*/seldondeployments/**");
        run(j, "api-allowed", call, Result.SUCCESS);
        WorkflowRun outside = run(j, "api-outside", "seldonApi(method: 'DELETE', path:"
                + " '/namespaces/models/seldondeployments/iris')", Result.FAILURE);
        j.assertLogContains("does not allow DELETE /namespaces/models/seldondeployments/iris through seldonApi",
                outside);
        WorkflowRun escape = run(j, "api-escape", "seldonApi(method: 'GET', path:"
                + " '/namespaces/models/seldondeployments/%2E%2E/%2E%2E/iam/users')", Result.FAILURE);
        j.assertLogContains("must stay below the API base URL", escape);
    }
}

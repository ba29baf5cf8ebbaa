package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A batch job's wait resumes after a controller restart, and the job is not started a second time. */
class BatchJobRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void theWaitResumesAfterARestartWithoutStartingTheJobAgain() throws Throwable {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            sessions.then(j -> {
                seldon.configureJenkins();
                seldon.api().seed("models", FakeSeldonApi.deployment("iris", "gs://models/iris"));
                // Running until the second session, so the wait is still on when Jenkins restarts.
                seldon.api().batchJobPhases("Running");
                WorkflowJob job = j.createProject(WorkflowJob.class, "batch");
                job.setDefinition(new CpsFlowDefinition(
                        "def s = seldonRunBatchJob(namespace: 'models', deployment: 'iris', definition: [inputData:"
                        + " 's3://data/in.txt', outputData: 's3://data/out.txt'], timeout: 120, pollInterval: 1)\n"
                        + "echo \"phase=${s.workflowStatus}\"", true));
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage(": Running", b);
            });
            sessions.then(j -> {
                String workflow = seldon.api().batchJobNames().get(0);
                seldon.api().scriptBatchJob(workflow, "Succeeded");
                WorkflowRun b = j.jenkins.getItemByFullName("batch", WorkflowJob.class).getBuildByNumber(1);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("phase=Succeeded", b);
                assertEquals(1, seldon.api().batchJobNames().size(), "started once");
            });
        }
    }
}

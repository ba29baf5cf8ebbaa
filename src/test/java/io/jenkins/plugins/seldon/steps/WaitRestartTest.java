package io.jenkins.plugins.seldon.steps;

import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class WaitRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void waitResumesAfterRestart() throws Throwable {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            sessions.then(j -> {
                seldon.configureJenkins();
                seldon.api().seed("models", FakeSeldonApi.deployment("iris", "gs://models/iris"));
                // Stays Creating until the second session, so the wait is still running when Jenkins restarts.
                seldon.api().scriptReads("models", "iris", FakeSeldonApi.StatusStep.creating());
                WorkflowJob job = j.createProject(WorkflowJob.class, "wait");
                job.setDefinition(new CpsFlowDefinition(
                        "def d = seldonWaitForDeployment(namespace: 'models', name: 'iris', timeout: 120, pollInterval: 1)\n"
                        + "echo \"state=${d.status.state}\"", true));
                WorkflowRun b = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage("Creating", b);
            });
            sessions.then(j -> {
                seldon.api().scriptReads("models", "iris", FakeSeldonApi.StatusStep.available());
                WorkflowRun b = j.jenkins.getItemByFullName("wait", WorkflowJob.class).getBuildByNumber(1);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("state=Available", b);
            });
        }
    }
}

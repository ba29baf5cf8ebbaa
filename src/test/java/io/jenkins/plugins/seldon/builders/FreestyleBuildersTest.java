package io.jenkins.plugins.seldon.builders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class FreestyleBuildersTest {

    @Test
    void appliesWaitsAndListsToAFile(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            FreeStyleProject p = j.createFreeStyleProject("fs");
            ApplyDeploymentBuilder apply = new ApplyDeploymentBuilder("models");
            apply.setManifest(FakeSeldonApi.deployment("iris", "gs://models/iris").toString());
            WaitForDeploymentBuilder wait = new WaitForDeploymentBuilder("models", "iris");
            wait.setPollInterval(1);
            wait.setTimeout(60);
            p.getBuildersList().add(apply);
            p.getBuildersList().add(wait);
            p.getBuildersList().add(new ListDeploymentsBuilder("models", "out/deployments.json"));

            FreeStyleBuild b = j.buildAndAssertSuccess(p);
            j.assertLogContains("is Available", b);
            j.assertLogNotContains(SeldonFixture.CANARY_SECRET, b);
            String json = b.getWorkspace().child("out/deployments.json").readToString();
            assertTrue(json.contains("\"iris\""), json);
            assertEquals("Deployment created", seldon.api().writes().get(0).action());
        }
    }

    @Test
    void deleteRunsInPipelineOutsideNodeByItsSymbol(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            seldon.api().seed("models", FakeSeldonApi.deployment("iris", "gs://models/iris"));
            WorkflowJob p = j.createProject(WorkflowJob.class, "no-node");
            p.setDefinition(new CpsFlowDefinition("seldonDelete namespace: 'models', name: 'iris'", true));
            j.assertBuildStatus(Result.SUCCESS, p.scheduleBuild2(0));
            assertNull(seldon.api().stored("models", "iris"));
        }
    }

    @Test
    void buildersSurviveTheConfigurePage(JenkinsRule j) throws Exception {
        DeleteDeploymentBuilder delete = new DeleteDeploymentBuilder("models", "iris");
        delete.setAllowMissing(true);
        delete.setMessage("retire iris");
        j.assertEqualDataBoundBeans(delete, j.configRoundtrip(delete));
    }
}

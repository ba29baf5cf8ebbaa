package io.jenkins.plugins.seldon.builders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class FreestyleBuildersTest {

    @Test
    void appliesWaitsAndListsToAFileWithBuildVariables(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            // The job's name is the namespace: ${JOB_BASE_NAME} is expanded in the text fields.
            FreeStyleProject p = j.createFreeStyleProject("models");
            SeldonApplyBuilder apply = new SeldonApplyBuilder();
            apply.setNamespace("${JOB_BASE_NAME}");
            apply.setManifest(FakeSeldonApi.deployment("iris", "gs://models/iris").toString());
            SeldonWaitBuilder wait = new SeldonWaitBuilder("${JOB_BASE_NAME}", "iris");
            wait.setPollInterval(1);
            wait.setTimeout(60);
            p.getBuildersList().add(apply);
            p.getBuildersList().add(wait);
            p.getBuildersList().add(new SeldonListBuilder("${JOB_BASE_NAME}", "out/${JOB_BASE_NAME}.json"));

            FreeStyleBuild b = j.buildAndAssertSuccess(p);
            j.assertLogContains("SeldonDeployment models/iris is Available", b);
            j.assertLogNotContains(SeldonFixture.CANARY_SECRET, b);
            String json = b.getWorkspace().child("out/models.json").readToString();
            assertTrue(json.contains("\"iris\""), json);
            assertEquals("Deployment created", seldon.api().writes().get(0).action());
        }
    }

    @Test
    void messagesUseTheFormsWords(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            FreeStyleProject p = j.createFreeStyleProject("no-manifest");
            SeldonApplyBuilder nothing = new SeldonApplyBuilder();
            nothing.setNamespace("models");
            p.getBuildersList().add(nothing);
            FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
            j.assertLogContains("Give the manifest as exactly one of Manifest file or Manifest", b);
            j.assertLogNotContains("file:", b);
            j.assertLogNotContains("\tat ", b);
        }
    }

    @Test
    void appliesSeveralKindsWithBuildVariablesInTheManifestThenDeletesByKind(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            FreeStyleProject p = j.createFreeStyleProject("release");
            SeldonApplyBuilder apply = new SeldonApplyBuilder();
            apply.setNamespace("models");
            apply.setExpandVariables(true);
            apply.setManifest(String.join("\n",
                    "apiVersion: mlops.seldon.io/v1alpha1",
                    "kind: Model",
                    "metadata: {name: iris}",
                    "spec: {storageUri: 'gs://models/${JOB_BASE_NAME}', requirements: [sklearn]}",
                    "---",
                    "apiVersion: mlops.seldon.io/v1alpha1",
                    "kind: Pipeline",
                    "metadata: {name: iris-pipeline}",
                    "spec: {steps: [{name: iris}], output: {steps: [iris]}}"));
            apply.setWait(true);
            apply.setPollInterval(1);
            SeldonDeleteBuilder delete = new SeldonDeleteBuilder("models", "iris-pipeline");
            delete.setKind(io.jenkins.plugins.seldon.client.api.ResourceKind.PIPELINE);
            p.getBuildersList().add(apply);
            p.getBuildersList().add(delete);

            FreeStyleBuild b = j.buildAndAssertSuccess(p);
            j.assertLogContains("Created Model models/iris", b);
            j.assertLogContains("Pipeline models/iris-pipeline is ready", b);
            assertEquals("gs://models/release", seldon.api().stored("Model", "models", "iris")
                            .at("/spec/storageUri").asText());
            assertEquals(List.of("created", "created", "deleted"), b.getAction(
                    io.jenkins.plugins.seldon.build.SeldonChangesAction.class).getChanges().stream()
                    .map(io.jenkins.plugins.seldon.build.SeldonChangesAction.Record::getAction).toList());
        }
    }

    @Test
    void buildersSurviveTheConfigurePage(JenkinsRule j) throws Exception {
        SeldonDeleteBuilder delete = new SeldonDeleteBuilder("models", "iris");
        delete.setAllowMissing(true);
        delete.setMessage("retire iris");
        delete.setCredentialsId("${TEAM_CREDENTIAL}");
        j.assertEqualDataBoundBeans(delete, j.configRoundtrip(delete));
    }
}

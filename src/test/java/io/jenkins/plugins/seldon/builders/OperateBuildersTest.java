package io.jenkins.plugins.seldon.builders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.build.SeldonChangesAction;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.operations.parameters.RollbackAction;
import io.jenkins.plugins.seldon.steps.ListModelMetadataStep;
import io.jenkins.plugins.seldon.steps.RegisterModelMetadataStep;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle forms of the predict gate, model metadata, GitOps roll-back and batch jobs, against the fake API. */
@WithJenkins
class OperateBuildersTest {

    @Test
    void thePredictGatePassesOrFailsTheBuildWithWhatCame(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            seldon.api().seed("models", FakeSeldonApi.deployment("iris", "gs://m/iris"));
            FreeStyleProject project = j.createFreeStyleProject("smoke");
            SeldonPredictBuilder gate = new SeldonPredictBuilder("models", "iris");
            gate.setKind(ResourceKind.SELDON_DEPLOYMENT);
            gate.setJson("{\"data\": {\"ndarray\": [[5.1, 3.5, 1.4, 0.2]]}}");
            gate.setExpect("/data/ndarray/0/2");
            gate.setExpectEquals("0.7");
            project.getBuildersList().add(gate);
            j.buildAndAssertSuccess(project);

            gate.setExpectEquals("0.9");
            FreeStyleBuild failed = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));
            j.assertLogContains("is 0.7, expected 0.9", failed);

            gate.setExpect(null);
            FreeStyleBuild missing = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));
            j.assertLogContains("Equal to needs Expect a value at", missing);
        }
    }

    @Test
    void modelMetadataIsRegisteredOnceFromTheFormsLines(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            FreeStyleProject project = j.createFreeStyleProject("register");
            SeldonModelMetadataBuilder register = new SeldonModelMetadataBuilder("gs://models/iris/${BUILD_NUMBER}");
            register.setVersion("v${BUILD_NUMBER}");
            register.setTagLines("owner=ml-team\nstage=prod");
            register.setMetricLines("accuracy=0.97");
            project.getBuildersList().add(register);
            project.getBuildersList().add(register);
            FreeStyleBuild b = j.buildAndAssertSuccess(project);

            j.assertLogContains("Registered Model metadata of gs://models/iris/1", b);
            j.assertLogContains("is already registered as given; nothing sent", b);
            assertEquals("v1", seldon.api().modelMetadata().get(0).path("version").asText());
            assertEquals("ml-team", seldon.api().modelMetadata().get(0).at("/tags/owner").asText());

            register.setMetricLines("accuracy=high");
            FreeStyleBuild bad = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));
            j.assertLogContains("The metric 'accuracy' in Metrics must be a number, not 'high'", bad);
        }
    }

    @Test
    void aDeploymentIsRolledBackToAKnownGoodCommit(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            FakeSeldonApi api = seldon.api();
            api.gitOpsNamespace("prod", 0);
            FreeStyleProject deploy = j.createFreeStyleProject("deploy");
            for (String version : List.of("v1", "v2", "v3")) {
                SeldonApplyBuilder apply = new SeldonApplyBuilder();
                apply.setNamespace("prod");
                apply.setManifest(FakeSeldonApi.deployment("iris", "gs://m/" + version).toString());
                deploy.getBuildersList().add(apply);
            }
            j.buildAndAssertSuccess(deploy);
            String good = api.commitHashes(FakeSeldonApi.KIND, "prod", "iris").get(2);

            FreeStyleProject rollback = j.createFreeStyleProject("rollback");
            SeldonGitRollbackBuilder restore = new SeldonGitRollbackBuilder("prod", "iris", good,
                    RollbackAction.RESTORE);
            rollback.getBuildersList().add(restore);
            FreeStyleBuild b = j.buildAndAssertSuccess(rollback);

            assertEquals("gs://m/v1", api.stored("prod", "iris").at("/spec/predictors/0/graph/modelUri").asText());
            j.assertLogContains("SeldonDeployment prod/iris: restored (commit " + good, b);
            assertEquals(List.of("restored"), b.getAction(SeldonChangesAction.class).getChanges().stream()
                    .map(SeldonChangesAction.Record::getAction).toList());

            FreeStyleProject noAction = j.createFreeStyleProject("no-action");
            noAction.getBuildersList().add(new SeldonGitRollbackBuilder("prod", "iris", good, null));
            FreeStyleBuild refused = j.assertBuildStatus(Result.FAILURE, noAction.scheduleBuild2(0));
            j.assertLogContains("Choose how to roll back", refused);
        }
    }

    @Test
    void aBatchJobIsWaitedForAndItsFailureFailsTheBuild(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            seldon.api().seed("models", FakeSeldonApi.deployment("iris", "gs://m/iris"));
            FreeStyleProject project = j.createFreeStyleProject("batch");
            SeldonBatchJobBuilder batch = new SeldonBatchJobBuilder("models", "iris");
            batch.setJson("{\"inputData\": \"s3://data/in.txt\", \"outputData\": \"s3://data/out.txt\"}");
            batch.setPollInterval(1);
            project.getBuildersList().add(batch);
            FreeStyleBuild ok = j.buildAndAssertSuccess(project);
            j.assertLogContains("succeeded", ok);

            seldon.api().batchJobPhases("Error");
            FreeStyleBuild failed = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));
            j.assertLogContains("ended in phase Error", failed);
            assertTrue(seldon.api().batchJobNames().size() == 2);
        }
    }

    @Test
    void theNewBuildersSurviveTheConfigurePage(JenkinsRule j) throws Exception {
        SeldonPredictBuilder gate = new SeldonPredictBuilder("models", "iris-pipeline");
        gate.setKind(ResourceKind.PIPELINE);
        gate.setJson("{\"inputs\": []}");
        gate.setExpect("/outputs/0/data/0");
        gate.setExpectEquals("2");
        j.assertEqualDataBoundBeans(gate, j.configRoundtrip(gate));

        SeldonModelMetadataBuilder register = new SeldonModelMetadataBuilder("gs://models/iris/${BUILD_NUMBER}");
        register.setName("iris");
        register.setArtifactType("SKLEARN");
        register.setProject("default");
        register.setTagLines("owner=ml-team");
        register.setMetricLines("accuracy=0.97");
        register.setUpdate(true);
        j.assertEqualDataBoundBeans(register, j.configRoundtrip(register));

        SeldonGitRollbackBuilder rollback = new SeldonGitRollbackBuilder("prod", "iris", "abc1234",
                RollbackAction.REVERT);
        rollback.setMessage("v2 failed its smoke test");
        j.assertEqualDataBoundBeans(rollback, j.configRoundtrip(rollback));

        SeldonBatchJobBuilder batch = new SeldonBatchJobBuilder("models", "iris");
        batch.setFile("batch.json");
        batch.setTimeout(7200);
        batch.setPollInterval(30);
        j.assertEqualDataBoundBeans(batch, j.configRoundtrip(batch));
    }

    /**
     * A model's name in the metadata store is free text of up to 200 characters; the name check the forms inherit
     * (a Kubernetes name) must not flag it, in the build step's form or in the Snippet Generator's.
     */
    @Test
    void aModelsNameInTheMetadataStoreIsFreeTextInEveryForm(JenkinsRule j) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("forms");
        String name = "Iris classifier (scikit-learn, v2)";
        String tooLong = "x".repeat(201);
        SeldonModelMetadataBuilder.DescriptorImpl builder = j.jenkins.getDescriptorByType(
                SeldonModelMetadataBuilder.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.OK, builder.doCheckName(project, name, null).kind);
        assertEquals(FormValidation.Kind.ERROR, builder.doCheckName(project, tooLong, null).kind);
        RegisterModelMetadataStep.DescriptorImpl register = j.jenkins.getDescriptorByType(
                RegisterModelMetadataStep.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.OK, register.doCheckName(project, name).kind);
        assertEquals(FormValidation.Kind.ERROR, register.doCheckName(project, tooLong).kind);
        ListModelMetadataStep.DescriptorImpl list = j.jenkins.getDescriptorByType(
                ListModelMetadataStep.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.OK, list.doCheckName(project, name).kind);
    }
}

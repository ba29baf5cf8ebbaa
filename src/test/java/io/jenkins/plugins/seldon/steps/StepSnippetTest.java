package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What the Snippet Generator produces for each step, and that it binds back to an equal step. */
@WithJenkins
class StepSnippetTest {

    @SuppressWarnings("unchecked")
    private static <S extends Step> void assertRoundTrip(JenkinsRule j, S step) throws Exception {
        DescribableModel<S> model = DescribableModel.of((Class<S>) step.getClass());
        j.assertEqualDataBoundBeans(step, model.instantiate(model.uninstantiate2(step).toMap()));
    }

    @Test
    void everyStepRoundTrips(JenkinsRule j) throws Exception {
        WaitForStep wait = new WaitForStep.Pipeline("models", "iris");
        wait.setTimeout(120);
        wait.setServer("prod");
        ApplyStep apply = new ApplyStep();
        apply.setNamespace("models");
        apply.setFile("release.yaml");
        apply.setMessage("Promote iris");
        apply.setCredentialsId("team");
        apply.setWait(true);
        apply.setTimeout(900);
        DeleteStep delete = new DeleteStep.Experiment("models", "iris");
        delete.setAllowMissing(true);
        GetStep get = new GetStep.Model("models", "iris");
        get.setAllowMissing(true);
        WithSeldonStep block = new WithSeldonStep();
        block.setServer("prod");
        block.setExposeToken(true);
        for (Step step : List.of(wait, apply, delete, get, new ListStep.Deployments("models"),
                new ListStep.PipelineModels("models", "iris"), new WaitForStep.Deployment("models", "iris"), block)) {
            assertRoundTrip(j, step);
        }
    }

    @Test
    void everyRolloutStepRoundTrips(JenkinsRule j) throws Exception {
        CanaryStep canary = new CanaryStep("models", 20);
        canary.setPipeline("iris");
        canary.setFile("iris-v2.yaml");
        canary.setTimeout(900);
        canary.setMessage("Canary of iris v2");
        RolloutStep.StartCanary start = new RolloutStep.StartCanary("models", 10);
        start.setDeployment("iris");
        start.setCandidate("v2");
        start.setManifest("kind: SeldonDeployment");
        RolloutStep.SetCanaryWeight weight = new RolloutStep.SetCanaryWeight("models", 50);
        weight.setPipeline("iris");
        RolloutStep.RemoveShadow remove = new RolloutStep.RemoveShadow("models");
        remove.setDeployment("iris");
        remove.setAllowMissing(true);
        RolloutStep.GetTrafficSplit split = new RolloutStep.GetTrafficSplit("models");
        split.setPipeline("iris");
        PromoteStep promote = new PromoteStep("Experiment", "iris", "staging");
        promote.setFromServer("staging");
        promote.setServer("prod");
        promote.setTargetName("iris-ab");
        promote.setPipelineRenames(java.util.Map.of("iris-v2", "iris-v2-prod"));
        promote.setDryRun(true);
        for (Step step : List.of(canary, start, weight, remove, split, promote)) {
            assertRoundTrip(j, step);
        }
        String snippet = Snippetizer.object2Groovy(canary);
        assertTrue(snippet.startsWith("seldonCanary("), snippet);
        assertTrue(snippet.contains("pipeline: 'iris'"), snippet);
        assertFalse(snippet.contains("deployment"), snippet);
    }

    @Test
    void everyStepOfOperatingWhatIsDeployedRoundTrips(JenkinsRule j) throws Exception {
        PredictStep predict = new PredictStep("models");
        predict.setPipeline("iris");
        predict.setPayload(java.util.Map.of("inputs", List.of()));
        predict.setExpect("/outputs/0/data/0");
        predict.setExpectEquals("2");
        RegisterModelMetadataStep register = new RegisterModelMetadataStep("gs://m/iris");
        register.setVersion("v2");
        register.setTags(java.util.Map.of("owner", "ml"));
        register.setUpdate(true);
        ListModelMetadataStep list = new ListModelMetadataStep();
        list.setName("iris");
        GitHistoryStep.Diff diff = new GitHistoryStep.Diff("prod", "Model", "iris");
        diff.setHash("abc1234");
        RollbackStep.Restore restore = new RollbackStep.Restore("prod", "iris", "abc1234");
        restore.setMessage("back to v1");
        BatchJobStep batch = new BatchJobStep("models");
        batch.setDeployment("iris");
        batch.setFile("batch.json");
        batch.setTimeout(7200);
        LoadTestStep.Create load = new LoadTestStep.Create("models");
        load.setPipeline("iris");
        load.setJson("{}");
        load.setConnections(4);
        LoadTestStep.Delete unload = new LoadTestStep.Delete("models", "loadtest-1");
        unload.setDeployment("iris");
        unload.setAllowMissing(true);
        DetectorStep.Create detector = new DetectorStep.Create("models", "drift-detector", "iris-drift");
        detector.setDeployment("iris");
        detector.setConfig(java.util.Map.of("basic", java.util.Map.of("storage_uri", "s3://d")));
        ValidateDeploymentStep validate = new ValidateDeploymentStep();
        validate.setFile("iris.yaml");
        ApiStep api = new ApiStep("GET", "/healthcheck/ALL");
        api.setQuery(java.util.Map.of("a", "b"));
        for (Step step : List.of(predict, register, list, new GitOpsStatusStep("prod"),
                new GitHistoryStep.Log("prod", "SeldonDeployment", "iris"), diff, restore,
                new RollbackStep.Revert("prod", "iris", "abc1234"), batch, load, new LoadTestStep.List("models"),
                unload, detector, new DetectorStep.List("models", "outlier"), validate, new WhoAmIStep(), api)) {
            assertRoundTrip(j, step);
        }
        String snippet = Snippetizer.object2Groovy(predict);
        assertTrue(snippet.startsWith("seldonPredict("), snippet);
        assertFalse(snippet.contains("deployment"), snippet);
    }

    @Test
    void snippetsUseTheStepNamesAndOmitDefaults(JenkinsRule j) {
        String snippet = Snippetizer.object2Groovy(new WaitForStep.Deployment("models", "iris"));
        assertTrue(snippet.startsWith("seldonWaitForDeployment "), snippet);
        assertFalse(snippet.contains("timeout"), snippet);
        assertFalse(snippet.contains("pollInterval"), snippet);
        String experiment = Snippetizer.object2Groovy(new GetStep.Experiment("models", "iris"));
        assertTrue(experiment.startsWith("seldonGetExperiment "), experiment);
        assertTrue(experiment.contains("pipeline: 'iris'"), experiment);
        String block = Snippetizer.object2Groovy(new WithSeldonStep());
        assertTrue(block.startsWith("withSeldon {"), block);
    }
}

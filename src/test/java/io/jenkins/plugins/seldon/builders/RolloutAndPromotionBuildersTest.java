package io.jenkins.plugins.seldon.builders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.SeldonChangesAction;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.operations.parameters.RolloutAction;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle forms of ending a canary or shadow and of promoting between environments, against the fake API. */
@WithJenkins
class RolloutAndPromotionBuildersTest {

    private static final String PIPELINE = FakeSeldonApi.PIPELINE;
    private static final String EXPERIMENT = FakeSeldonApi.EXPERIMENT;

    private static List<String> changes(FreeStyleBuild b) {
        return b.getAction(SeldonChangesAction.class).getChanges().stream()
                .map(r -> (r.isDryRun() ? "dry run: " : "") + r.getAction() + " on " + r.getServer()).toList();
    }

    @Test
    void promotesAPipelineCanaryThenRemovesTheNextOne(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            FakeSeldonApi api = seldon.api();
            api.seed("models", FakeSeldonApi.pipeline("iris", "model-a"));
            api.seed("models", FakeSeldonApi.candidatePipeline("iris-v2", "iris", "canary", "model-b"));
            api.seed("models", FakeSeldonApi.experiment("iris-canary", "iris", "iris-v2", 20));

            // The job is named after the main pipeline, which the target field names by a build variable; the kind
            // is the default, Pipeline.
            FreeStyleProject promote = j.createFreeStyleProject("iris");
            promote.getBuildersList().add(new SeldonRolloutBuilder("models", "${JOB_BASE_NAME}",
                    RolloutAction.PROMOTE_CANARY));
            FreeStyleBuild promoted = j.buildAndAssertSuccess(promote);

            j.assertLogContains("Pipeline models/iris: canary promoted (iris-v2 promoted; iris serves 100% with its"
                    + " spec)", promoted);
            j.assertLogNotContains(SeldonFixture.CANARY_SECRET, promoted);
            assertEquals(FakeSeldonApi.pipeline("x", "model-b").get("spec"),
                    api.stored(PIPELINE, "models", "iris").get("spec"));
            assertNull(api.stored(EXPERIMENT, "models", "iris"));
            FakeSeldonApi.Write write = api.writes().get(0);
            assertEquals(List.of("PUT", "Experiment canary promoted"), List.of(write.method(), write.action()));
            assertTrue(write.message().startsWith("Jenkins iris #1"), write.message());
            assertEquals(List.of("canary promoted on prod"), changes(promoted));

            // The next canary is removed; a second removal finds none, which allowMissing makes no failure.
            api.seed("models", FakeSeldonApi.candidatePipeline("iris-v3", "iris", "canary", "model-c"));
            api.seed("models", FakeSeldonApi.experiment("iris-canary", "iris", "iris-v3", 10));
            FreeStyleProject cleanup = j.createFreeStyleProject("cleanup");
            SeldonRolloutBuilder remove = new SeldonRolloutBuilder("models", "iris", RolloutAction.REMOVE_CANARY);
            remove.setKind(ResourceKind.PIPELINE);
            remove.setMessage("iris-v3 failed its checks");
            SeldonRolloutBuilder again = new SeldonRolloutBuilder("models", "iris", RolloutAction.REMOVE_CANARY);
            again.setAllowMissing(true);
            cleanup.getBuildersList().add(remove);
            cleanup.getBuildersList().add(again);
            FreeStyleBuild removed = j.buildAndAssertSuccess(cleanup);

            j.assertLogContains("canary removed (iris-v3 removed; iris serves 100%)", removed);
            j.assertLogContains("Pipeline models/iris is unchanged; nothing sent (no canary to remove", removed);
            assertNull(api.stored(EXPERIMENT, "models", "iris"));
            assertNotNull(api.stored(PIPELINE, "models", "iris-v3"), "a removal leaves the candidate in place");
            assertEquals("iris-v3 failed its checks", api.writes().get(api.writes().size() - 1).message());
            assertEquals(List.of("canary removed on prod", "unchanged on prod"), changes(removed));

            // Without allowMissing, there being no canary fails the build, in one line.
            FreeStyleProject strict = j.createFreeStyleProject("strict");
            strict.getBuildersList().add(new SeldonRolloutBuilder("models", "iris", RolloutAction.REMOVE_CANARY));
            FreeStyleBuild failed = j.assertBuildStatus(Result.FAILURE, strict.scheduleBuild2(0));
            j.assertLogContains("Pipeline models/iris has no canary to remove (it has no experiment)", failed);
            j.assertLogNotContains("\tat ", failed);
        }
    }

    @Test
    void promotesFromAStagingServerToProductionAndBetweenNamespacesOfOneServer(JenkinsRule j) throws Exception {
        try (SeldonFixture production = SeldonFixture.start(); SeldonFixture staging = SeldonFixture.start()) {
            production.configureJenkins(); // "prod", the default server
            staging.addServer("staging");
            ObjectNode source = staging.api().seed("models", FakeSeldonApi.deployment("iris", "gs://models/iris/7"));
            String version = source.at("/metadata/resourceVersion").asText();
            String from = "SeldonDeployment models/iris (resourceVersion " + version + ") on staging";

            // The job's name is the target namespace. A dry run first: it only compares.
            FreeStyleProject release = j.createFreeStyleProject("serving");
            SeldonPromoteBuilder preview = new SeldonPromoteBuilder("iris", "models");
            preview.setFromServer("staging");
            preview.setNamespace("${JOB_BASE_NAME}");
            preview.setDryRun(true);
            SeldonPromoteBuilder promote = new SeldonPromoteBuilder("iris", "models");
            promote.setFromServer("staging");
            promote.setNamespace("${JOB_BASE_NAME}");
            promote.setMessage("Release ${BUILD_NUMBER}");
            release.getBuildersList().add(preview);
            release.getBuildersList().add(promote);
            FreeStyleBuild b = j.buildAndAssertSuccess(release);

            j.assertLogContains("Dry run: promoting " + from + " to SeldonDeployment serving/iris on prod", b);
            j.assertLogContains("Dry run: would create SeldonDeployment serving/iris", b);
            j.assertLogContains("Promoting " + from + " to SeldonDeployment serving/iris on prod", b);
            j.assertLogContains("Created SeldonDeployment serving/iris", b);
            j.assertLogNotContains(SeldonFixture.CANARY_SECRET, b);
            assertEquals("gs://models/iris/7",
                    production.api().stored("serving", "iris").at("/spec/predictors/0/graph/modelUri").asText());
            assertEquals(1, production.api().writes().size(), "the dry run sent nothing");
            assertEquals("Promoted from " + from + ". Release 1", production.api().writes().get(0).message());
            assertTrue(staging.api().writes().isEmpty(), "the source is only read");
            assertEquals(List.of("dry run: created on prod", "created on prod"), changes(b));

            // No source server: the target's, with the target's credential, from one namespace to another.
            staging.api().clearRecords();
            FreeStyleProject copy = j.createFreeStyleProject("copy");
            SeldonPromoteBuilder within = new SeldonPromoteBuilder("iris", "serving");
            within.setNamespace("audit");
            within.setTargetName("iris-audit");
            copy.getBuildersList().add(within);
            FreeStyleBuild copied = j.buildAndAssertSuccess(copy);

            j.assertLogContains(") on prod to SeldonDeployment audit/iris-audit on prod", copied);
            j.assertLogContains("Created SeldonDeployment audit/iris-audit", copied);
            assertEquals("gs://models/iris/7",
                    production.api().stored("audit", "iris-audit").at("/spec/predictors/0/graph/modelUri").asText());
            assertTrue(staging.api().requests().isEmpty(), "staging is not asked");
        }
    }

    @Test
    void messagesUseTheFormsWords(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            FreeStyleProject noSource = j.createFreeStyleProject("no-source-namespace");
            noSource.getBuildersList().add(new SeldonPromoteBuilder("iris", "  "));
            FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, noSource.scheduleBuild2(0));
            j.assertLogContains("Give the source namespace as Source namespace", b);
            j.assertLogNotContains("fromNamespace", b);
            j.assertLogNotContains("\tat ", b);

            // The form flags an empty name but can be saved with one.
            FreeStyleProject noTarget = j.createFreeStyleProject("no-target");
            noTarget.getBuildersList().add(new SeldonRolloutBuilder("models", "", RolloutAction.PROMOTE_SHADOW));
            FreeStyleBuild t = j.assertBuildStatus(Result.FAILURE, noTarget.scheduleBuild2(0));
            j.assertLogContains("(Main pipeline or SeldonDeployment)", t);
            j.assertLogNotContains("pipeline:", t);
            j.assertLogNotContains("\tat ", t);
            assertTrue(seldon.api().requests().isEmpty(), "checked before any call");
        }
    }

    @Test
    void formsCheckWhatIsGivenByTheRulesOfTheChosenKind(JenkinsRule j) {
        SeldonRolloutBuilder.DescriptorImpl rollout =
                j.jenkins.getDescriptorByType(SeldonRolloutBuilder.DescriptorImpl.class);
        assertEquals(List.of("PIPELINE", "SELDON_DEPLOYMENT"), values(rollout.doFillKindItems(null)));
        assertEquals(List.of("PROMOTE_CANARY", "REMOVE_CANARY", "PROMOTE_SHADOW", "REMOVE_SHADOW"),
                values(rollout.doFillActionItems(null)));
        // 100 characters: a Pipeline may be named so, a SeldonDeployment (whose Services take its name) may not.
        String longName = "a".repeat(100);
        assertEquals(FormValidation.Kind.OK, rollout.doCheckTarget(null, longName, "PIPELINE").kind);
        assertEquals(FormValidation.Kind.ERROR, rollout.doCheckTarget(null, longName, "SELDON_DEPLOYMENT").kind);
        assertEquals(FormValidation.Kind.ERROR, rollout.doCheckTarget(null, "", "PIPELINE").kind);

        SeldonPromoteBuilder.DescriptorImpl promote =
                j.jenkins.getDescriptorByType(SeldonPromoteBuilder.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.ERROR, promote.doCheckFromNamespace(null, "").kind);
        assertEquals(FormValidation.Kind.OK, promote.doCheckNamespace(null, "").kind, "the target's is optional");
        assertEquals(FormValidation.Kind.ERROR, promote.doCheckNamespace(null, "Models").kind);
        assertEquals(FormValidation.Kind.OK, promote.doCheckTargetName(null, "", "MODEL").kind);
        assertEquals(FormValidation.Kind.OK, promote.doCheckTargetName(null, longName, "MODEL").kind);
        assertEquals(FormValidation.Kind.ERROR, promote.doCheckTargetName(null, longName, "SELDON_DEPLOYMENT").kind);
        assertEquals("(the target server)", promote.doFillFromServerItems(null, "").get(0).name);

        // The other optional fields of the build steps are checked only when given, too.
        assertEquals(FormValidation.Kind.OK, j.jenkins.getDescriptorByType(SeldonApplyBuilder.DescriptorImpl.class)
                .doCheckNamespace(null, "").kind);
        assertEquals(FormValidation.Kind.OK, j.jenkins.getDescriptorByType(SeldonListBuilder.DescriptorImpl.class)
                .doCheckPipeline(null, "").kind);
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).toList();
    }

    @Test
    void buildersSurviveTheConfigurePage(JenkinsRule j) throws Exception {
        SeldonRolloutBuilder rollout = new SeldonRolloutBuilder("models", "iris", RolloutAction.REMOVE_SHADOW);
        rollout.setKind(ResourceKind.SELDON_DEPLOYMENT);
        rollout.setAllowMissing(true);
        rollout.setMessage("end the shadow of iris");
        rollout.setCredentialsId("${TEAM_CREDENTIAL}");
        j.assertEqualDataBoundBeans(rollout, j.configRoundtrip(rollout));

        SeldonPromoteBuilder promote = new SeldonPromoteBuilder("iris", "staging");
        promote.setKind(ResourceKind.MODEL);
        promote.setFromServer("staging");
        promote.setFromCredentialsId("${STAGING_CREDENTIAL}");
        promote.setNamespace("models");
        promote.setTargetName("iris-prod");
        promote.setDryRun(true);
        promote.setMessage("promote iris");
        promote.setServer("prod");
        j.assertEqualDataBoundBeans(promote, j.configRoundtrip(promote));
    }
}

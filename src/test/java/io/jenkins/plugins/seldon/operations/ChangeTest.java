package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeTest {

    @Test
    void describesEachActionInOneLine() {
        assertEquals("Created Pipeline staging/main", change(Change.Action.CREATED, false).describe());
        assertEquals("Dry run: would update Pipeline staging/main", change(Change.Action.UPDATED, true).describe());
        assertEquals("Deleted Pipeline staging/main", change(Change.Action.DELETED, false).describe());
        assertEquals("Pipeline staging/main is unchanged; nothing sent", change(Change.Action.UNCHANGED, false)
                .describe());
        assertEquals("Pipeline staging/main is unchanged; nothing sent (dry run)", change(Change.Action.UNCHANGED, true)
                .describe());
        assertEquals("Pipeline staging/main does not exist; nothing to delete", change(Change.Action.NOT_FOUND, false)
                .describe());
        assertEquals("Created Experiment staging/ab (of Pipeline main)", new Change(Change.Action.CREATED, false,
                ResourceKind.EXPERIMENT, "staging", "ab", "main", "7", null, null, List.of(), null).describe());
    }

    @Test
    void canaryAndShadowChangesSayHowTheTrafficIsSplit() {
        Change started = new Change(Change.Action.CANARY_STARTED, false, ResourceKind.SELDON_DEPLOYMENT, "staging",
                "iris", null, "12", "Deployment canary started", "Jenkins job #1", List.of(), "default 80%, v2 20%");
        assertEquals("SeldonDeployment staging/iris: canary started (default 80%, v2 20%)", started.describe());
        assertEquals("default 80%, v2 20%", started.toMap().get("detail"));
        assertEquals("Experiment staging/main-shadow (of Pipeline main): shadow removed", new Change(
                Change.Action.SHADOW_REMOVED, false, ResourceKind.EXPERIMENT, "staging", "main-shadow", "main", null,
                null, null, List.of(), null).describe());
        Change promoted = change(Change.Action.UNCHANGED, true).withDetail("promoted from Pipeline dev/main");
        assertEquals("Pipeline staging/main is unchanged; nothing sent (dry run) (promoted from Pipeline dev/main)",
                promoted.describe());
        assertEquals(change(Change.Action.UNCHANGED, true), promoted.withDetail(null));
    }

    @Test
    void anExperimentNamedLikeItsPipelineNamesItOnceAndADryRunSaysSo() {
        Change experiment = new Change(Change.Action.CANARY_STARTED, true, ResourceKind.EXPERIMENT, "staging", "main",
                "main", null, null, null, List.of(), null);
        assertEquals("Dry run: Experiment staging/main: canary started", experiment.describe());
        assertEquals(experiment.describe(), experiment.toString());
        assertEquals("Pipeline staging/main", new Change(Change.Action.DELETED, false, ResourceKind.PIPELINE, "staging",
                "main", null, null, null, null, List.of(), null).subject());
    }

    @Test
    void plainValuesForPipelineScripts() {
        Change updated = new Change(Change.Action.UPDATED, false, ResourceKind.MODEL, "staging", "iris", null, "42",
                "Model updated", "Jenkins job #1", List.of("spec.replicas: 1 -> 2"), null);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("action", "updated");
        expected.put("dryRun", false);
        expected.put("kind", "Model");
        expected.put("namespace", "staging");
        expected.put("name", "iris");
        expected.put("resourceVersion", "42");
        expected.put("auditAction", "Model updated");
        expected.put("auditMessage", "Jenkins job #1");
        expected.put("diff", List.of("spec.replicas: 1 -> 2"));
        assertEquals(expected, updated.toMap());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(updated.toMap().keySet()));
        assertEquals("java.util.ArrayList", updated.toMap().get("diff").getClass().getName(),
                "a mutable list, as Pipeline scripts expect");
    }

    private static Change change(Change.Action action, boolean dryRun) {
        return new Change(action, dryRun, ResourceKind.PIPELINE, "staging", "main", null, null, null, null, List.of(),
                null);
    }
}

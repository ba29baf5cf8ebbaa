package io.jenkins.plugins.seldon.operations;

import static io.jenkins.plugins.seldon.client.api.ResourceKind.PIPELINE;
import static io.jenkins.plugins.seldon.client.api.ResourceKind.SELDON_DEPLOYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a traffic split reads in a build log and as plain values, for the shapes the rollouts build it in. */
class TrafficSplitTest {

    private static Map<String, Integer> weights(Object... versionsAndWeights) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < versionsAndWeights.length; i += 2) {
            weights.put((String) versionsAndWeights[i], (Integer) versionsAndWeights[i + 1]);
        }
        return weights;
    }

    @Test
    void aMainVersionWithoutWeightsServesEverything() {
        TrafficSplit alone = new TrafficSplit(SELDON_DEPLOYMENT, "ns", "iris", null, "default", Map.of(), null);
        assertEquals("default 100%", alone.describe());
        assertEquals("default 100%", alone.toString());
        assertNull(alone.canary());
        assertEquals(0, alone.canaryPercent());
        assertEquals("", new TrafficSplit(SELDON_DEPLOYMENT, "ns", "iris", null, null, Map.of(), null).describe());
    }

    @Test
    void aShadowIsNamedInTheDescriptionAndTheMap() {
        TrafficSplit split = new TrafficSplit(SELDON_DEPLOYMENT, "ns", "iris", null, "default",
                weights("default", 100), "v2");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("kind", "SeldonDeployment");
        expected.put("namespace", "ns");
        expected.put("target", "iris");
        expected.put("main", "default");
        expected.put("weights", Map.of("default", 100));
        expected.put("shadow", "v2");
        expected.put("description", "default 100%; shadow v2 gets a copy");
        assertEquals(expected, split.toMap());
        assertEquals("default 100%; shadow v2 gets a copy", split.toString());
    }

    @Test
    void relativeWeightsAreShownAsPercentagesAndUnknownOrWeightlessVersionsAsNone() {
        TrafficSplit split = new TrafficSplit(PIPELINE, "ns", "iris", "iris-exp", "iris",
                weights("iris", 3, "iris-v2", 1), null);
        assertEquals(75, split.percent("iris"));
        assertEquals(25, split.canaryPercent());
        assertEquals(0, split.percent("other"));
        assertEquals("iris 75%, iris-v2 25%", split.describe());
        TrafficSplit nothing = new TrafficSplit(PIPELINE, "ns", "iris", "iris-exp", "iris",
                weights("iris", 0, "iris-v2", -1), null);
        assertEquals("iris 0%, iris-v2 0%", nothing.describe());
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The candidate of a canary or shadow: a pipeline named or given by its manifest, or a SeldonDeployment's predictor
 * given by its manifest; and a canary's weight and readiness wait.
 */
class CandidateParametersTest {

    private static final String AT_MOST_ONE = "Give the candidate's manifest as at most one of file:, manifest: or"
            + " resource:";

    private static CandidateParameters ofPipeline() {
        CandidateParameters p = new CandidateParameters();
        p.setNamespace("models");
        p.setPipeline("iris");
        return p;
    }

    private static CandidateParameters ofDeployment() {
        CandidateParameters p = new CandidateParameters();
        p.setNamespace("models");
        p.setDeployment("iris");
        return p;
    }

    private static CanaryParameters canary() {
        CanaryParameters p = new CanaryParameters();
        p.setNamespace("models");
        p.setPipeline("iris");
        p.setCandidate("iris-v2");
        p.setWeight(10);
        return p;
    }

    private static final Map<String, Consumer<CandidateParameters>> SOURCES = Map.of(
            "file", p -> p.setFile("candidate.yaml"),
            "manifest", p -> p.setManifest("kind: Pipeline"),
            "resource", p -> p.setResource(Map.of("kind", "Pipeline")));

    @Test
    void theCandidateAndItsManifestReadBackNormalised() {
        CandidateParameters p = new CandidateParameters();
        assertFalse(p.hasManifest());
        p.setCandidate(" iris-v2 ");
        p.setFile(" candidate.yaml ");
        String text = "  kind: Pipeline\n";
        p.setManifest(text);
        Map<String, Object> resource = new HashMap<>(Map.of("kind", "Pipeline"));
        p.setResource(resource);
        resource.clear();
        assertEquals("iris-v2", p.getCandidate());
        assertEquals("candidate.yaml", p.getFile());
        assertEquals(text, p.getManifest(), "kept as given, for line numbers");
        assertEquals(Map.of("kind", "Pipeline"), p.getResource(), "a copy of the map");

        p.setCandidate(" ");
        p.setFile("");
        p.setManifest(" \n");
        p.setResource(Map.of());
        assertNull(p.getCandidate());
        assertNull(p.getFile());
        assertNull(p.getManifest());
        assertNull(p.getResource());
        p.setManifest(null);
        p.setResource(null);
        assertNull(p.getManifest());
        assertNull(p.getResource());
        assertFalse(p.hasManifest());
    }

    @Test
    void eachSourceAloneGivesAManifest() {
        SOURCES.forEach((field, set) -> {
            CandidateParameters p = new CandidateParameters();
            set.accept(p);
            assertTrue(p.hasManifest(), field);
        });
    }

    @Test
    void eachSourceAloneGivesTheCandidateOfEitherKind() {
        SOURCES.forEach((field, set) -> {
            CandidateParameters deployment = ofDeployment();
            set.accept(deployment);
            assertDoesNotThrow(() -> deployment.validate(FieldLabels.PIPELINE), field);
            CandidateParameters pipeline = ofPipeline();
            set.accept(pipeline);
            assertDoesNotThrow(() -> pipeline.validate(FieldLabels.PIPELINE), field);
        });
    }

    @Test
    void anyTwoSourcesAreRefusedEvenWithTheCandidateNamed() {
        for (String first : SOURCES.keySet()) {
            for (String second : SOURCES.keySet()) {
                if (first.equals(second)) {
                    continue;
                }
                CandidateParameters p = ofPipeline();
                p.setCandidate("iris-v2");
                SOURCES.get(first).accept(p);
                SOURCES.get(second).accept(p);
                assertEquals(AT_MOST_ONE, assertThrows(InvalidInputException.class,
                        () -> p.validate(FieldLabels.PIPELINE)).getMessage(), first + " and " + second);
            }
        }
    }

    @Test
    void aPipelinesCandidateMayBeNamedAloneButADeploymentsNeedsAManifest() {
        CandidateParameters pipeline = ofPipeline();
        pipeline.setCandidate("iris-v2");
        assertDoesNotThrow(() -> pipeline.validate(FieldLabels.PIPELINE));

        CandidateParameters deployment = ofDeployment();
        deployment.setCandidate("v2");
        assertEquals("The candidate of a SeldonDeployment is a predictor: give it as file:, manifest: or resource:"
                + " (a predictor, or a SeldonDeployment whose first predictor is the candidate)",
                assertThrows(InvalidInputException.class, () -> deployment.validate(FieldLabels.PIPELINE))
                        .getMessage());
    }

    @Test
    void theTargetIsCheckedBeforeTheCandidate() {
        CandidateParameters p = new CandidateParameters();
        p.setNamespace("models");
        p.setCandidate("iris-v2");
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("Name the main Pipeline or the SeldonDeployment whose traffic is split"));
    }

    @Test
    void aCopyExpandsTheTargetTheCandidateAndTheFileButNotTheManifest() {
        CandidateParameters p = new CandidateParameters();
        p.setNamespace("${NS}");
        p.setPipeline("${APP}");
        p.setCandidate("${APP}-v2");
        p.setFile("${APP}.yaml");
        p.setManifest("name: ${APP}");
        CandidateParameters copy = p.expanded(t -> t == null ? null
                : t.replace("${APP}", "iris").replace("${NS}", "models"));
        assertEquals("models", copy.getNamespace());
        assertEquals("iris", copy.getPipeline());
        assertEquals("iris-v2", copy.getCandidate());
        assertEquals("iris.yaml", copy.getFile());
        assertEquals("name: ${APP}", copy.getManifest());
    }

    @Test
    void aCanaryWaitsTenMinutesPollingEveryTenSecondsUnlessToldOtherwise() {
        CanaryParameters p = new CanaryParameters();
        assertNull(p.getWeight());
        assertEquals(600, p.getTimeout());
        assertEquals(10, p.getPollInterval());
        assertEquals(600, p.timeout().toSeconds());
        assertEquals(10, p.pollInterval().toSeconds());
        p.setWeight(25);
        p.setTimeout(120);
        p.setPollInterval(2);
        assertEquals(25, p.getWeight());
        assertEquals(120, p.getTimeout());
        assertEquals(2, p.getPollInterval());
        assertEquals(120, p.timeout().toSeconds());
        assertEquals(2, p.pollInterval().toSeconds());
    }

    @Test
    void aCanaryTakesAnyWeightFromZeroToAHundred() {
        for (int weight : new int[] {0, 1, 50, 100}) {
            CanaryParameters p = canary();
            p.setWeight(weight);
            assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE), "weight " + weight);
        }
        CanaryParameters p = canary();
        p.setWeight(-1);
        assertEquals("weight: is a percentage from 0 to 100, not -1",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void aCanarysWaitNeedsAtLeastOneSecondEach() {
        CanaryParameters p = canary();
        p.setTimeout(0);
        assertEquals("timeout: must be at least 1 second, not 0",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setTimeout(1);
        p.setPollInterval(0);
        assertEquals("pollInterval: must be at least 1 second, not 0",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setPollInterval(1);
        assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE));
    }

    @Test
    void aCanarysCandidateIsCheckedBeforeItsWeight() {
        CanaryParameters p = canary();
        p.setCandidate(null);
        p.setWeight(null);
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("Name the candidate pipeline with candidate:"));
    }
}

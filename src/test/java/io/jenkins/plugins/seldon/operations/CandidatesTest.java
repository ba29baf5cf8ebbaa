package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidate of a canary or shadow, found and checked before anything is sent. */
class CandidatesTest {

    private static final String LABELLED = """
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Pipeline
            metadata:
              name: iris-v2
              labels: {seldon.io/pipeline: iris, seldon.io/experiment: %s}
            spec: {steps: [{name: model-b}], output: {steps: [model-b]}}
            """;

    private static List<Manifests.Document> documents(String yaml) throws Exception {
        return Manifests.parseAll(yaml, "candidate.yaml");
    }

    @Test
    void aShadowNeedsTheShadowLabelAndACanaryTheCanaryLabel() throws Exception {
        List<Manifests.Document> canary = documents(LABELLED.formatted("canary"));
        assertEquals("iris-v2", Candidates.of(ResourceKind.PIPELINE, "models", "iris", null, canary, false).name());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Candidates.of(ResourceKind.PIPELINE, "models", "iris", null, canary, true));
        assertEquals("candidate.yaml: Pipeline iris-v2 cannot be the shadow of iris: the label seldon.io/experiment is"
                + " 'canary'; it needs seldon.io/experiment: shadow. The API finds the shadow of a pipeline by these"
                + " labels.", e.getMessage());
        List<Manifests.Document> shadow = documents(LABELLED.formatted("shadow"));
        assertEquals("iris-v2", Candidates.of(ResourceKind.PIPELINE, "models", "iris", null, shadow, true).name());
    }

    @Test
    void anExistingCandidatePipelineNeedsOnlyItsName() throws Exception {
        Candidate c = Candidates.of(ResourceKind.PIPELINE, "models", "iris", "iris-v3", List.of(), true);
        assertEquals("iris-v3", c.name());
        assertNull(c.predictor());
    }

    @Test
    void aDeploymentsCandidateIsAPredictorOrTheFirstOfADeployment() throws Exception {
        Candidate fromPredictor = Candidates.of(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", null, documents("""
                name: v2
                graph: {name: classifier, implementation: SKLEARN_SERVER, modelUri: 'gs://models/iris/2'}
                """), false);
        assertEquals("v2", fromPredictor.name());
        assertEquals("gs://models/iris/2", fromPredictor.predictor().at("/graph/modelUri").asText());

        Candidate renamed = Candidates.of(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", "canary", documents("""
                apiVersion: machinelearning.seldon.io/v1
                kind: SeldonDeployment
                metadata: {name: iris}
                spec:
                  predictors:
                  - name: default
                    graph: {name: classifier, implementation: SKLEARN_SERVER, modelUri: 'gs://models/iris/2'}
                """), true);
        assertEquals("canary", renamed.name());
        assertEquals("canary", renamed.predictor().path("name").asText());

        assertThrows(InvalidInputException.class, () -> Candidates.of(ResourceKind.MODEL, "models", "iris", "x",
                List.of(), false));
    }
}

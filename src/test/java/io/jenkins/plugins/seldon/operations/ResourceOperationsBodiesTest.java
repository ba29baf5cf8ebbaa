package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request bodies of apply, without a server. */
class ResourceOperationsBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void createSendsTheManifestWithoutServerFieldsInTheTargetNamespace() throws IOException {
        // E.g. a manifest saved from an earlier seldonGetDeployment.
        ObjectNode manifest = json("""
                {'apiVersion': 'machinelearning.seldon.io/v1', 'kind': 'SeldonDeployment',
                 'metadata': {'name': 'iris', 'labels': {'team': 'ml'}, 'uid': 'u-1', 'resourceVersion': '41',
                              'generation': 3, 'creationTimestamp': '2025-01-01T00:00:00Z', 'managedFields': []},
                 'spec': {'predictors': []}, 'status': {'state': 'Available'}}
                """);
        ObjectNode before = manifest.deepCopy();

        assertEquals(json("""
                {'apiVersion': 'machinelearning.seldon.io/v1', 'kind': 'SeldonDeployment',
                 'metadata': {'name': 'iris', 'labels': {'team': 'ml'}, 'namespace': 'staging'},
                 'spec': {'predictors': []}}
                """), ResourceOperations.createBody(manifest, "staging"));
        assertEquals(before, manifest);
    }

    @Test
    void updateReplacesTheSpecAndKeepsTheResourceVersion() throws IOException {
        ObjectNode current = json("""
                {'apiVersion': 'machinelearning.seldon.io/v1', 'kind': 'SeldonDeployment',
                 'metadata': {'name': 'iris', 'namespace': 'staging', 'uid': 'u-1', 'resourceVersion': '41',
                              'generation': 3, 'creationTimestamp': '2025-01-01T00:00:00Z', 'managedFields': [{}],
                              'labels': {'team': 'ml', 'owner': 'ui'}, 'annotations': {'seldon.io/x': '1'}},
                 'spec': {'protocol': 'seldon', 'predictors': [{'name': 'old', 'replicas': 1}]},
                 'status': {'state': 'Available'}}
                """);
        ObjectNode manifest = json("""
                {'apiVersion': 'machinelearning.seldon.io/v1alpha2', 'kind': 'SeldonDeployment',
                 'metadata': {'name': 'iris', 'labels': {'team': 'ds', 'tier': 'gold'}, 'resourceVersion': '1'},
                 'spec': {'predictors': [{'name': 'new', 'replicas': 2}]}}
                """);
        ObjectNode currentBefore = current.deepCopy();

        assertEquals(json("""
                {'apiVersion': 'machinelearning.seldon.io/v1', 'kind': 'SeldonDeployment',
                 'metadata': {'name': 'iris', 'namespace': 'staging', 'resourceVersion': '41',
                              'labels': {'team': 'ds', 'owner': 'ui', 'tier': 'gold'},
                              'annotations': {'seldon.io/x': '1'}},
                 'spec': {'predictors': [{'name': 'new', 'replicas': 2}]}}
                """), ResourceOperations.updateBody(current, manifest));
        assertEquals(currentBefore, current);
    }

    @Test
    void updateAddsLabelsAndAnnotationsTheServerDoesNotHaveYet() throws IOException {
        ObjectNode current = json("{'metadata': {'name': 'iris', 'resourceVersion': '7'}, 'spec': {}}");
        ObjectNode manifest = json("{'metadata': {'name': 'iris', 'annotations': {'a': 'b'}}, 'spec': {'x': 1}}");
        assertEquals(json("{'metadata': {'name': 'iris', 'resourceVersion': '7', 'annotations': {'a': 'b'}},"
                + " 'spec': {'x': 1}}"), ResourceOperations.updateBody(current, manifest));
    }

    @Test
    void emptyLabelsAddNothingSoTheUpdateIsANoOp() throws IOException {
        ObjectNode current = json("{'metadata': {'name': 'iris', 'resourceVersion': '7'}, 'spec': {'x': 1}}");
        ObjectNode manifest = json("{'metadata': {'name': 'iris', 'labels': {}, 'annotations': {}}, 'spec': {'x': 1}}");
        ObjectNode body = ResourceOperations.updateBody(current, manifest);
        assertEquals(current, body);
        assertEquals(List.of(), SpecDiff.lines(current, body));
    }

    @Test
    void anAnswerWithoutMetadataIsSentBackWithSome() throws IOException {
        assertEquals(json("{'spec': {'x': 1}, 'metadata': {}}"),
                ResourceOperations.writableCopy(json("{'spec': {'x': 1}, 'status': {}}")));
    }

    @Test
    void flatAnswersGetTheirMetadataBack() throws IOException {
        ObjectNode flat = json("{'apiVersion': 'mlops.seldon.io/v1alpha1', 'kind': 'Model', 'name': 'iris',"
                + " 'namespace': 'staging', 'labels': {'a': 'b'}, 'resourceVersion': '9', 'spec': {'storageUri': 'x'},"
                + " 'metadata': {'annotations': {'c': 'd'}, 'name': 'kept'}}");
        assertEquals(json("{'apiVersion': 'mlops.seldon.io/v1alpha1', 'kind': 'Model', 'spec': {'storageUri': 'x'},"
                + " 'metadata': {'annotations': {'c': 'd'}, 'name': 'kept', 'namespace': 'staging',"
                + " 'labels': {'a': 'b'}, 'resourceVersion': '9'}}"), KubernetesShape.normalize(flat));
        ObjectNode kubernetes = json("{'metadata': {'name': 'iris'}, 'spec': {'name': 'not metadata'}}");
        assertEquals(kubernetes.deepCopy(), KubernetesShape.normalize(kubernetes));
    }
}

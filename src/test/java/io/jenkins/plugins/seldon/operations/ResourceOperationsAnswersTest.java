package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the operations make of answers the stateful fake never gives: fields missing, conditions in any order. */
class ResourceOperationsAnswersTest {

    private final CannedApi api = new CannedApi();
    private final RecordingLog log = new RecordingLog();
    private final ResourceOperations operations = new ResourceOperations(api.client, log, Clock.systemUTC(), "audit");

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theStateInTheLogIsTheReadyConditionWhereverItIsAndNothingWhenThereIsNone() throws Exception {
        api.answer("GET", "/namespaces/staging/seldondeployments/iris", 200, "{'apiVersion':"
                + " 'machinelearning.seldon.io/v1', 'kind': 'SeldonDeployment', 'metadata': {'name': 'iris'},"
                + " 'spec': {}, 'status': {}}");
        api.answer("GET", "/namespaces/staging/pipelines/ready", 200, "{'apiVersion': 'mlops.seldon.io/v1alpha1',"
                + " 'kind': 'Pipeline', 'metadata': {'name': 'ready'}, 'spec': {}, 'status': {'conditions': ["
                + "{'type': 'ModelsReady', 'status': 'False'}, {'type': 'Ready', 'status': 'True'}]}}");
        api.answer("GET", "/namespaces/staging/pipelines/waiting", 200, "{'apiVersion': 'mlops.seldon.io/v1alpha1',"
                + " 'kind': 'Pipeline', 'metadata': {'name': 'waiting'}, 'spec': {}, 'status': {'conditions': ["
                + "{'type': 'ModelsReady', 'status': 'True'}, {'type': 'Ready', 'status': 'False'}]}}");
        api.answer("GET", "/namespaces/staging/pipelines/new", 200, "{'apiVersion': 'mlops.seldon.io/v1alpha1',"
                + " 'kind': 'Pipeline', 'metadata': {'name': 'new'}, 'spec': {}}");

        operations.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", false);
        operations.get(ResourceKind.PIPELINE, "staging", "ready", false);
        operations.get(ResourceKind.PIPELINE, "staging", "waiting", false);
        operations.get(ResourceKind.PIPELINE, "staging", "new", false);

        assertEquals(List.of("Read SeldonDeployment staging/iris", "Read Pipeline staging/ready (Ready)",
                "Read Pipeline staging/waiting (not Ready)", "Read Pipeline staging/new"), log.lines);
    }

    @Test
    void anExperimentReadWithoutItsNameIsUpdatedAndDeletedUnderTheNameGiven() throws Exception {
        api.answer("GET", "/namespaces/staging/pipelines/main/experiment", 200, "{'apiVersion':"
                + " 'mlops.seldon.io/v1alpha1', 'kind': 'Experiment', 'metadata': {}, 'spec': {'default': 'main',"
                + " 'resourceType': 'pipeline', 'candidates': [{'name': 'main', 'weight': 100}]}}");
        api.answer("DELETE", "/namespaces/staging/pipelines/main/experiment", 200, "");

        ResourceOperations.ApplyResult result = operations.apply("staging", List.of(new Manifests.Document(
                io.jenkins.plugins.seldon.testing.FakeSeldonApi.experiment("ab", "main", "v2", 10), "ab.yaml")),
                false).get(0);
        Change deleted = operations.delete(ResourceKind.EXPERIMENT, "staging", "main", false);

        assertEquals(Change.Action.UPDATED, result.change().action());
        assertEquals("ab", result.change().name());
        assertEquals("main", deleted.name(), "the pipeline's name when the experiment's own is unknown");
        assertEquals(Json.object().put("name", "v2").put("weight", 10),
                result.resource().at("/spec/candidates/1"));
    }
}

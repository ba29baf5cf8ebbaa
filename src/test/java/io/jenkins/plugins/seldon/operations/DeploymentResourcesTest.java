package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DeploymentResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void podsThatAreNotReadyWithTheirContainersAndWhyTheyLastStopped() throws Exception {
        JsonNode components = json("""
                [{'component': 'predictor',
                  'pods': {'items': [
                    {'metadata': {'name': 'ok'}, 'status': {'phase': 'Running',
                      'conditions': [{'type': 'Ready', 'status': 'True'}]}},
                    {'name': 'flat-shape', 'status': {'phase': 'Running',
                      'containerStatuses': [{'name': 'model', 'ready': false, 'restartCount': 1,
                        'state': {'waiting': {'reason': 'CrashLoopBackOff', 'message': 'back-off 10s'}},
                        'lastState': {'terminated': {'reason': 'OOMKilled', 'exitCode': 137}}}]}},
                    {'metadata': {'name': 'unschedulable'}, 'status': {'phase': 'Pending',
                      'conditions': [{'type': 'PodScheduled', 'status': 'False'}]}}]},
                  'deployments': {'items': [
                    {'metadata': {'name': 'iris-default'}, 'spec': {'replicas': 2},
                     'status': {'availableReplicas': 1, 'conditions': [{'type': 'Available', 'status': 'True'},
                       {'type': 'ReplicaFailure', 'status': 'True'}, {'type': 'Progressing', 'status': 'False',
                        'reason': 'ProgressDeadlineExceeded', 'message': 'ReplicaSet has timed out progressing.'}]}},
                    {'metadata': {'name': 'fine'}, 'spec': {'replicas': 1}, 'status': {'availableReplicas': 1}}]}}]
                """);
        assertEquals("1 of 3 pods ready; pod flat-shape (predictor) Running, container model waiting: CrashLoopBackOff:"
                + " back-off 10s (1 restart; last terminated: OOMKilled: exit code 137); pod unschedulable (predictor)"
                + " Pending; deployment iris-default: 1/2 replicas available, Progressing: ProgressDeadlineExceeded:"
                + " ReplicaSet has timed out progressing.", DeploymentResources.summarize(components));
    }

    @Test
    void boundedInItemsAndLength() throws Exception {
        StringBuilder pods = new StringBuilder("[{'component': 'predictor', 'pods': {'items': [");
        for (int i = 0; i < 20; i++) {
            pods.append(i == 0 ? "" : ",").append("{'metadata': {'name': 'p").append(i).append("'}, 'status': {'phase':"
                    + " 'Pending', 'message': '").append("m".repeat(1000)).append("'}}");
        }
        pods.append("]}}]");
        String summary = DeploymentResources.summarize(json(pods.toString()));
        assertTrue(summary.startsWith("0 of 20 pods ready; pod p0 (predictor) Pending: mmm"), summary);
        assertTrue(summary.length() <= DeploymentResources.MAX_LENGTH + 3, String.valueOf(summary.length()));
        assertTrue(summary.contains("m".repeat(DeploymentResources.MAX_TEXT) + "...;"), summary);
        assertEquals("no pods", DeploymentResources.summarize(json("[]")));
    }
}

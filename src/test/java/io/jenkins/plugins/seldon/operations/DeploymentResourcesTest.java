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
    void fieldsTheServerSendsAsNullAreLeftOutNotPrintedAsNull() throws Exception {
        JsonNode components = json("""
                [{'component': 'predictor',
                  'pods': {'items': [
                    {'metadata': {'name': 'p'}, 'status': {'phase': 'Pending', 'reason': null, 'message': null,
                      'conditions': [{'type': 'Ready', 'status': 'False', 'reason': null}]}}]}}]
                """);
        assertEquals("0 of 1 pods ready; pod p (predictor) Pending", DeploymentResources.summarize(components));
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

    @Test
    void containersAreDescribedByTheirStateAndPodsWithoutAReadyConditionByTheirContainers() throws Exception {
        JsonNode components = json("""
                [{'pods': {'items': [
                    {'metadata': {'name': 'a'}, 'status': {'phase': 'Running',
                      'conditions': [{'type': 'PodScheduled', 'status': 'True'}, {'type': 'Ready', 'status': 'False'}],
                      'containerStatuses': [
                        {'name': 'm1', 'ready': false, 'restartCount': 2, 'state': {'terminated': {'reason': 'Error'}},
                         'lastState': {'terminated': {'reason': 'Error'}}},
                        {'name': 'm2', 'ready': false, 'state': {'waiting': {}}},
                        {'name': 'm3', 'ready': false, 'state': {'running': {}}},
                        {'name': 'm4', 'ready': false},
                        {'name': 'm5', 'ready': false, 'state': {'waiting': {'reason': 'PodInitializing',
                          'message': 'PodInitializing'}, 'running': {}}},
                        {'name': 'm6', 'ready': true, 'state': {'running': {}}}]}},
                    {'metadata': {'name': 'all-containers-ready'}, 'status': {
                      'containerStatuses': [{'name': 'x', 'ready': true}, {'name': 'y', 'ready': true}]}},
                    {'metadata': {'name': 'c'}},
                    {'metadata': {'name': 'd'}, 'status': {'phase': 'Pending', 'containerStatuses': []}},
                    {'metadata': {'name': 'e'}, 'status': {'phase': 'Running',
                      'containerStatuses': {'model': {'ready': true}}}}]},
                  'deployments': {'items': [
                    {'name': 'dep', 'spec': {'replicas': 3}, 'status': {'availableReplicas': 0,
                      'conditions': [{'type': 'Available', 'status': 'False'}]}}]}}]
                """);
        assertEquals("1 of 5 pods ready; pod a Running, container m1 terminated: Error (2 restarts; last terminated:"
                + " Error), container m2 waiting, container m3 running, not ready, container m5 waiting: PodInitializing;"
                + " pod c not ready; pod d Pending; pod e Running; deployment dep: 0/3 replicas available, Available",
                DeploymentResources.summarize(components));
    }

    @Test
    void beyondFiveProblemsOnlyHowManyMoreAreCounted() throws Exception {
        StringBuilder items = new StringBuilder("[{'pods': {'items': [");
        for (int i = 0; i < 6; i++) {
            items.append(i == 0 ? "" : ",").append("{'metadata': {'name': 'p").append(i).append("'},"
                    + " 'status': {'phase': 'Pending'}}");
        }
        items.append("]}, 'deployments': {'items': [");
        for (int i = 0; i < 2; i++) {
            items.append(i == 0 ? "" : ",").append("{'name': 'd").append(i).append("', 'spec': {'replicas': 1}}");
        }
        items.append("]}}]");
        assertEquals("0 of 6 pods ready; pod p0 Pending; pod p1 Pending; pod p2 Pending; pod p3 Pending;"
                + " pod p4 Pending; and 3 more not ready", DeploymentResources.summarize(json(items.toString())));

        String fourPods = items.toString().replace(",{'metadata': {'name': 'p4'}, 'status': {'phase': 'Pending'}}", "")
                .replace(",{'metadata': {'name': 'p5'}, 'status': {'phase': 'Pending'}}", "");
        assertEquals("0 of 4 pods ready; pod p0 Pending; pod p1 Pending; pod p2 Pending; pod p3 Pending;"
                + " deployment d0: 0/1 replicas available; and 1 more not ready",
                DeploymentResources.summarize(json(fourPods)));
    }

    @Test
    void aSummaryOfExactlyTheMaximumLengthIsKeptWhole() throws Exception {
        String prefix = "0 of 1 pods ready; pod p Pending, container ";
        String suffix = " waiting";
        String name = "n".repeat(DeploymentResources.MAX_LENGTH - prefix.length() - suffix.length());
        String pod = "[{'pods': {'items': [{'metadata': {'name': 'p'}, 'status': {'phase': 'Pending',"
                + " 'containerStatuses': [{'name': '%s', 'state': {'waiting': {}}}]}}]}}]";
        assertEquals(prefix + name + suffix, DeploymentResources.summarize(json(pod.formatted(name))));
        assertEquals((prefix + name + "n" + suffix).substring(0, DeploymentResources.MAX_LENGTH) + "...",
                DeploymentResources.summarize(json(pod.formatted(name + "n"))));
    }

    @Test
    void aServerTextOfExactlyTheMaximumIsKeptWhole() throws Exception {
        String message = "m".repeat(DeploymentResources.MAX_TEXT);
        String pod = "[{'pods': {'items': [{'metadata': {'name': 'p'}, 'status': {'phase': 'Pending',"
                + " 'reason': 'Unschedulable', 'message': '%s'}}]}}]";
        assertEquals("0 of 1 pods ready; pod p Pending: " + ("Unschedulable: " + message)
                .substring(0, DeploymentResources.MAX_TEXT) + "...", DeploymentResources.summarize(json(pod.formatted(message))));
        String exact = "m".repeat(DeploymentResources.MAX_TEXT - "Unschedulable: ".length());
        assertEquals("0 of 1 pods ready; pod p Pending: Unschedulable: " + exact,
                DeploymentResources.summarize(json(pod.formatted(exact))));
    }
}

package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Step labels in the Pipeline views show where a step acts, never manifests, maps or messages. */
class StepLabelTest {

    @Test
    void showsNamespaceAndNameOnly() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("namespace", "models");
        args.put("name", "iris");
        args.put("manifest", "apiVersion: v1\nkind: SeldonDeployment\nenv: password=hunter2");
        args.put("message", "deploy with secret sauce");
        args.put("resource", Map.of("spec", Map.of("token", "abc")));
        assertEquals("models/iris", SeldonStepDescriptor.label(args));
    }

    @Test
    void anApiCallShowsItsMethodAndPathButNoQueryBodyOrWhatFollowsAQuestionMark() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("method", "GET");
        args.put("path", "/namespaces/models/seldondeployments");
        args.put("query", Map.of("token", "s3cr3t"));
        args.put("body", Map.of("password", "s3cr3t"));
        assertEquals("GET /namespaces/models/seldondeployments", ApiStep.label(args));
        args.put("path", "/user?token=s3cr3t");
        assertEquals("GET /user?...", ApiStep.label(args));
        args.put("path", "/user#access_token=s3cr3t\nmore");
        assertEquals("GET /user#...", ApiStep.label(args));
        assertNull(ApiStep.label(Map.of("method", "GET")));
    }

    @Test
    void namespaceAloneOrNothing() {
        assertEquals("models", SeldonStepDescriptor.label(Map.of("namespace", "models", "file", "sdep.yaml")));
        assertNull(SeldonStepDescriptor.label(Map.of("credentialsId", "team")));
    }
}

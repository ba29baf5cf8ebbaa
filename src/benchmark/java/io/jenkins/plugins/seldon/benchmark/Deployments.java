package io.jenkins.plugins.seldon.benchmark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Realistic SeldonDeployments as the API lists them: server metadata, labels and annotations, a predictor with a
 * container, resources and probes, and a status with conditions; about 3.4 KB each, as measured on real namespaces.
 */
final class Deployments {

    private Deployments() {
    }

    /** One deployment, {@code i} making its name, labels and numbers differ. */
    static ObjectNode deployment(int i) {
        ObjectNode sd = Json.object().put("apiVersion", "machinelearning.seldon.io/v1").put("kind", "SeldonDeployment");
        String name = "model-" + i;
        ObjectNode metadata = sd.putObject("metadata").put("name", name).put("namespace", "production")
                .put("uid", String.format("3f1c2b9a-%04x-4d2e-9b7a-%012x", i % 65536, (long) i * 7919))
                .put("resourceVersion", String.valueOf(48_213_000L + i)).put("generation", 1 + i % 7)
                .put("creationTimestamp", "2026-03-14T09:26:53Z");
        metadata.putObject("labels").put("app", name).put("team", "team-" + (i % 12))
                .put("env", i % 10 == 0 ? "staging" : "production").put("app.kubernetes.io/managed-by", "seldon-deploy")
                .put("fluentd", "true");
        metadata.putObject("annotations").put("seldon.io/engine-seldon-log-messages-externally", "true")
                .put("git-commit", String.format("%040x", (long) i * 2_654_435_761L))
                .put("seldon.io/rest-timeout", "60000")
                .put("description", "Credit risk classifier for the retail portfolio, retrained weekly from the "
                        + "feature store; owner: risk-ml@example.com. Promoted from staging after the shadow run "
                        + "and the drift report of the week were approved; see the model card in the metadata store "
                        + "for training data and metrics.");
        metadata.putArray("finalizers").add("seldondeployments.machinelearning.seldon.io");
        ObjectNode spec = sd.putObject("spec").put("name", name).put("protocol", "v2");
        ObjectNode predictor = spec.putArray("predictors").addObject().put("name", "default").put("replicas", 2)
                .put("traffic", 100);
        predictor.putObject("annotations").put("seldon.io/no-engine", "false");
        predictor.putObject("labels").put("version", "v" + (1 + i % 5));
        ObjectNode container = predictor.putArray("componentSpecs").addObject().putObject("spec")
                .putArray("containers").addObject().put("name", "classifier")
                .put("image", "registry.example.com/ml/credit-risk:1." + (i % 40) + ".3");
        ObjectNode resources = container.putObject("resources");
        resources.putObject("requests").put("cpu", "500m").put("memory", "1Gi");
        resources.putObject("limits").put("cpu", "2").put("memory", "2Gi");
        ArrayNode env = container.putArray("env");
        env.addObject().put("name", "MLSERVER_PARALLEL_WORKERS").put("value", "2");
        env.addObject().put("name", "FEATURE_STORE_URL").put("value", "https://features.example.com/api/v2");
        env.addObject().put("name", "LOG_LEVEL").put("value", "INFO");
        env.addObject().put("name", "MLSERVER_MODEL_NAME").put("value", name);
        env.addObject().put("name", "MLSERVER_HTTP_PORT").put("value", "9000");
        env.addObject().put("name", "MLSERVER_GRPC_PORT").put("value", "9500");
        env.addObject().put("name", "MLSERVER_METRICS_PORT").put("value", "6000");
        env.addObject().put("name", "OTEL_EXPORTER_OTLP_ENDPOINT")
                .put("value", "http://otel-collector.monitoring:4317");
        ArrayNode mounts = container.putArray("volumeMounts");
        mounts.addObject().put("name", "classifier-provision-location").put("mountPath", "/mnt/models")
                .put("readOnly", true);
        mounts.addObject().put("name", "podinfo").put("mountPath", "/etc/podinfo");
        ArrayNode tolerations = predictor.putObject("svcOrchSpec").putArray("tolerations");
        tolerations.addObject().put("key", "nvidia.com/gpu").put("operator", "Exists").put("effect", "NoSchedule");
        tolerations.addObject().put("key", "workload").put("operator", "Equal").put("value", "ml-serving")
                .put("effect", "NoSchedule");
        container.putObject("readinessProbe").put("initialDelaySeconds", 20).put("periodSeconds", 5)
                .put("failureThreshold", 3).putObject("httpGet").put("path", "/v2/health/ready").put("port", 9000);
        container.putObject("livenessProbe").put("initialDelaySeconds", 60).put("periodSeconds", 5)
                .put("failureThreshold", 3).putObject("httpGet").put("path", "/v2/health/live").put("port", 9000);
        ObjectNode graph = predictor.putObject("graph").put("name", "classifier").put("type", "MODEL")
                .put("implementation", "SKLEARN_SERVER")
                .put("modelUri", "s3://models.example.com/credit-risk/" + name + "/2026-03-14")
                .put("envSecretRefName", "seldon-rclone-secret");
        graph.putArray("parameters").addObject().put("name", "method").put("type", "STRING")
                .put("value", "predict_proba");
        graph.putArray("children");
        ObjectNode status = sd.putObject("status").put("state", i % 50 == 0 ? "Creating" : "Available")
                .put("description", "").put("replicas", 2);
        status.putObject("address").put("url", "http://" + name + "-default.production.svc.cluster.local:8000"
                + "/v2/models/" + name + "/infer");
        status.putObject("deploymentStatus").putObject(name + "-default-0-classifier").put("availableReplicas", 2)
                .put("replicas", 2);
        ArrayNode conditions = status.putArray("conditions");
        for (String type : new String[] {"DeploymentsReady", "Ready", "ServicesReady"}) {
            conditions.addObject().put("lastTransitionTime", "2026-03-14T09:28:11Z").put("status", "True")
                    .put("type", type).put("reason", type.equals("Ready") ? "" : "All " + type.replace("Ready", "")
                            + " are ready");
        }
        status.putObject("serviceStatus").putObject(name + "-default").put("httpEndpoint",
                name + "-default.production:8000").put("grpcEndpoint", name + "-default.production:5001")
                .put("svcName", name + "-default");
        return sd;
    }

    /** The API's answer listing {@code n} deployments, as bytes. */
    static byte[] list(int n) {
        ObjectNode list = Json.object().put("apiVersion", "machinelearning.seldon.io/v1")
                .put("kind", "SeldonDeploymentList");
        list.putObject("metadata").put("resourceVersion", "48213999");
        ArrayNode items = list.putArray("items");
        for (int i = 0; i < n; i++) {
            items.add(deployment(i));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(Json.write(list).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

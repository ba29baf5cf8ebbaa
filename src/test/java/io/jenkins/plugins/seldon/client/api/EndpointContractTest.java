package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.SwaggerSpec;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request the client can send exists in the API's published description: each {@link Endpoint} (method, path,
 * query parameters), and every request the client actually sent to the fake API while exercising all of them, for
 * every kind. Request bodies are standard Kubernetes resources, not the description's flattened schemas, so they are
 * not compared.
 */
class EndpointContractTest {

    private static SwaggerSpec spec;

    // Checked before each test rather than once per class, so that each test shows up as skipped with the reason.
    @BeforeEach
    void loadSpec() throws Exception {
        String location = System.getProperty(SwaggerSpec.PROPERTY);
        Assumptions.assumeTrue(location != null && Files.isRegularFile(Path.of(location)),
                "The API description is not available (system property " + SwaggerSpec.PROPERTY + " = " + location
                        + "); the build sets it to swagger-v1alpha1.yml beside the repository");
        if (spec == null) {
            spec = SwaggerSpec.load(Path.of(location));
        }
    }

    @Test
    void theClientUsesTheDescribedBasePath() {
        assertEquals(spec.basePath(), ServerSettings.API_PATH);
        assertEquals(spec.basePath(), FakeSeldonApi.BASE_PATH);
    }

    @Test
    void everyEndpointIsDescribed() {
        for (Endpoint e : Endpoint.values()) {
            Optional<JsonNode> op = spec.operation(e.method(), e.pathTemplate());
            assertTrue(op.isPresent(), e + ": " + e.method() + " " + e.pathTemplate() + " is not in the description");
            Set<String> placeholders = new HashSet<>();
            for (String seg : e.pathTemplate().split("/")) {
                if (seg.startsWith("{")) {
                    placeholders.add(seg.substring(1, seg.length() - 1));
                }
            }
            assertEquals(SwaggerSpec.parameters(op.get(), "path", false), placeholders, e + " path parameters");
            Set<String> query = SwaggerSpec.parameters(op.get(), "query", false);
            assertTrue(query.containsAll(e.queryParameters()),
                    e + " sends query parameters " + e.queryParameters() + " but the description has " + query);
            assertTrue(e.queryParameters().containsAll(SwaggerSpec.parameters(op.get(), "query", true)),
                    e + " cannot send a required query parameter");
            Set<String> form = SwaggerSpec.parameters(op.get(), "formData", false);
            assertTrue(form.containsAll(e.formFields()), e + " sends form fields " + e.formFields()
                    + " but the description has " + form);
            assertTrue(e.formFields().containsAll(SwaggerSpec.parameters(op.get(), "formData", true)),
                    e + " cannot send a required form field");
            boolean multipart = op.get().path("consumes").toString().contains("multipart/form-data");
            assertEquals(multipart, !e.formFields().isEmpty(), e + ": multipart in the description");
            boolean body = !SwaggerSpec.parameters(op.get(), "body", false).isEmpty();
            assertEquals(body && e.method().equals("GET"), e.sendsBodyWithGet(), e + ": a GET with a body");
        }
    }

    @Test
    void everyRequestTheClientSendsIsAnEndpointAndDescribed() throws Exception {
        TestTokenIssuer issuer = new TestTokenIssuer();
        String token = issuer.token("contract");
        RequestAuthenticator auth = new RequestAuthenticator() {
            @Override
            public AuthHeader authenticate() {
                return AuthHeader.bearer(SecretText.of(token), null);
            }

            @Override
            public void invalidate(AuthHeader rejected) {
            }

            @Override
            public String describe() {
                return "a test token";
            }
        };
        try (FakeSeldonApi api = FakeSeldonApi.start(issuer.verifier())) {
            SeldonClient client = new SeldonClient(new ServerSettings(api.baseUrl().toString()), auth,
                    new HttpClientFactory());
            ResourceKind sd = ResourceKind.SELDON_DEPLOYMENT;
            WriteAudit audit = new WriteAudit("Deployment created", "Jenkins contract #1");
            client.user();
            client.version();
            client.list(sd, "staging");
            client.create(sd, "staging", FakeSeldonApi.deployment("iris", "gs://m/1"), audit);
            ObjectNode current = client.get(sd, "staging", "iris");
            current.remove("status");
            client.update(sd, "staging", "iris", current, WriteAudit.NONE);
            client.getAsync(sd, "staging", "iris").get(30, TimeUnit.SECONDS);
            client.deploymentResourcesAsync("staging", "iris").get(30, TimeUnit.SECONDS);
            client.delete(sd, "staging", "iris", audit);

            ResourceKind model = ResourceKind.MODEL;
            ResourceKind pipeline = ResourceKind.PIPELINE;
            ResourceKind experiment = ResourceKind.EXPERIMENT;
            client.create(model, "staging", FakeSeldonApi.model("iris", "gs://m/iris"), audit);
            client.create(model, "staging", FakeSeldonApi.model("iris2", "gs://m/iris2"), audit);
            client.update(model, "staging", "iris", stripped(client.get(model, "staging", "iris")), audit);
            client.create(pipeline, "staging", FakeSeldonApi.pipeline("main", "iris"), audit);
            client.create(pipeline, "staging", FakeSeldonApi.pipeline("candidate", "iris2"), audit);
            client.list(pipeline, "staging");
            client.pipelineModels("staging", "main", SkipItems::new);
            client.update(pipeline, "staging", "main", stripped(client.get(pipeline, "staging", "main")), audit);
            client.create(experiment, "staging", FakeSeldonApi.experiment("ab", "main", "candidate", 10), audit);
            client.update(experiment, "staging", "main", stripped(client.get(experiment, "staging", "main")), audit);
            client.delete(experiment, "staging", "main", audit);
            client.delete(pipeline, "staging", "candidate", audit);

            // The canary and shadow requests find their candidate by its labels; a promotion consumes it.
            client.create(pipeline, "staging", FakeSeldonApi.candidatePipeline("canary", "main", "canary", "iris2"),
                    audit);
            client.startCanary("staging", "main", 20, audit);
            client.removeCanary("staging", "main", audit);
            client.startCanary("staging", "main", 0, WriteAudit.NONE);
            client.promoteCanary("staging", "main", audit);
            client.create(pipeline, "staging", FakeSeldonApi.candidatePipeline("shadow", "main", "shadow", "iris"),
                    audit);
            client.startShadow("staging", "main", audit);
            client.removeShadow("staging", "main", audit);
            client.startShadow("staging", "main", audit);
            client.promoteShadow("staging", "main", audit);
            client.delete(model, "staging", "iris2", audit);

            exerciseOperations(api, client, audit);

            Set<Endpoint> exercised = EnumSet.noneOf(Endpoint.class);
            for (FakeSeldonApi.RecordedRequest r : api.requests()) {
                assertEquals(200, r.status(), r.toString());
                assertTrue(r.rawPath().startsWith(spec.basePath() + "/"), r.rawPath());
                String relative = r.rawPath().substring(spec.basePath().length());
                Endpoint endpoint = matching(r.method(), relative);
                exercised.add(endpoint);
                assertTrue(endpoint.queryParameters().containsAll(r.queryParameterNames()), r + " vs " + endpoint);
                String template = spec.route(r.method(), relative).orElseThrow(
                        () -> new AssertionError(r.method() + " " + r.rawPath() + " is not in the description"));
                assertEquals(endpoint.pathTemplate(), template, "the API would route " + r + " elsewhere");
                Set<String> described = SwaggerSpec.parameters(spec.operation(r.method(), template).orElseThrow(),
                        "query", false);
                assertTrue(described.containsAll(r.queryParameterNames()), r + " vs " + described);
            }
            assertEquals(EnumSet.allOf(Endpoint.class), exercised,
                    "exercise every endpoint here, so that what it really sends is checked");
        }
    }

    /** Predictions, validation, GitOps, batch jobs, load tests, monitors and model metadata, for every kind. */
    private static void exerciseOperations(FakeSeldonApi api, SeldonClient client, WriteAudit audit)
            throws Exception {
        ResourceKind sd = ResourceKind.SELDON_DEPLOYMENT;
        ResourceKind pipeline = ResourceKind.PIPELINE;
        ResourceKind model = ResourceKind.MODEL;
        ResourceKind experiment = ResourceKind.EXPERIMENT;
        api.gitOpsNamespace("ops", 0);
        client.create(sd, "ops", FakeSeldonApi.deployment("iris", "gs://m/1"), audit);
        client.update(sd, "ops", "iris", stripped(client.get(sd, "ops", "iris")), audit);
        client.create(model, "ops", FakeSeldonApi.model("m1", "gs://m/m1"), audit);
        client.create(pipeline, "ops", FakeSeldonApi.pipeline("p1", "m1"), audit);
        client.create(pipeline, "ops", FakeSeldonApi.pipeline("p2", "m1"), audit);
        client.create(experiment, "ops", FakeSeldonApi.experiment("ab", "p1", "p2", 10), audit);

        ObjectNode payload = Json.object();
        payload.putObject("data").putArray("ndarray").addArray().add(1).add(2);
        client.predict("ops", "iris", payload);
        client.predictFile(sd, "ops", "iris", "{}".getBytes(StandardCharsets.UTF_8), "payload.json");
        client.predictFile(pipeline, "ops", "p1", "{}".getBytes(StandardCharsets.UTF_8), "payload.json");
        client.validate("ops", FakeSeldonApi.deployment("candidate", "gs://m/2"));

        client.gitOpsStatus("ops");
        for (ResourceKind kind : ResourceKind.values()) {
            String name = kind == sd ? "iris" : kind == pipeline ? "p1" : kind == model ? "m1" : "ab";
            String latest = client.gitLog(kind, "ops", name).get(0).path("Hash").asText();
            client.gitDiff(kind, "ops", name, latest);
        }
        List<String> hashes = api.commitHashes(FakeSeldonApi.KIND, "ops", "iris");
        client.gitRevert("ops", "iris", hashes.get(0), audit);
        client.gitRestore("ops", "iris", hashes.get(1), audit);

        for (ResourceKind kind : List.of(sd, pipeline)) {
            String name = kind == sd ? "iris" : "p1";
            ObjectNode definition = Json.object().put("inputData", "s3://in/data.txt")
                    .put("outputData", "s3://out/data.txt").put("batchSize", 10);
            String workflow = client.createBatchJob(kind, "ops", name, definition).path("workflowName").asText();
            client.batchJob(kind, "ops", name, workflow);
            client.createLoadTest(kind, "ops", name, "{}".getBytes(StandardCharsets.UTF_8), "load.json",
                    Map.of("connectionsNumber", "2", "requestsNumber", "10", "duration", "30"));
            String job = api.loadTests().get(0).job();
            client.loadTests(kind, "ops", name);
            client.deleteLoadTest(kind, "ops", name, job);
            for (Monitor monitor : Monitor.values()) {
                if (monitor.supports(kind)) {
                    ObjectNode detector = Json.object().put("name", "d1");
                    detector.putObject("config").putObject("basic").put("storage_uri", "gs://d/1");
                    client.createMonitor(kind, "ops", name, monitor, detector);
                    client.monitors(kind, "ops", name, monitor);
                    client.deleteMonitor(kind, "ops", name, monitor, "d1");
                }
            }
        }

        ObjectNode record = Json.object().put("URI", "gs://m/1").put("name", "iris").put("version", "v1")
                .put("artifactType", "SKLEARN").put("project", "default");
        client.createModelMetadata(record);
        client.modelMetadata(Map.of("URI", "gs://m/1", "project", "default"));
        client.updateModelMetadata(record.put("version", "v2"));
    }

    private static ObjectNode stripped(ObjectNode resource) {
        resource.remove("status");
        return resource;
    }

    /** The endpoint of the most literal template that matches, as the API's router prefers. */
    private static Endpoint matching(String method, String relativeRawPath) {
        Endpoint best = null;
        int bestLiterals = -1;
        for (Endpoint e : Endpoint.values()) {
            int literals = e.pathTemplate().replaceAll("\\{[^}]+}", "").length();
            if (e.method().equals(method) && SwaggerSpec.templatePattern(e.pathTemplate()).matcher(relativeRawPath)
                    .matches() && literals > bestLiterals) {
                best = e;
                bestLiterals = literals;
            }
        }
        if (best == null) {
            throw new AssertionError(method + " " + relativeRawPath + " matches no Endpoint");
        }
        return best;
    }
}

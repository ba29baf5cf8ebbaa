package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.Monitor;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inputs of operating what is deployed, checked in the words of the Pipeline steps and of the forms. */
class OperateParametersTest {

    /** How the freestyle forms name these fields. */
    private static final FieldLabels FORM = field -> switch (field) {
        case "deployment", "pipeline", "model" -> "Name";
        case "json" -> "Payload (JSON)";
        case "file" -> "Payload file";
        case "expect" -> "Expect a value at";
        case "expectEquals" -> "Equal to";
        case "uri" -> "Model URI";
        case "tagLines" -> "Tags";
        case "metricLines", "metrics" -> "Metrics";
        case "hash" -> "Commit";
        case "timeout" -> "Timeout";
        case "pollInterval" -> "Poll interval";
        default -> null;
    };

    /** Replaces {@code ${NAME}} by its value, as a build's variables do. */
    private static java.util.function.UnaryOperator<String> variables(Map<String, String> vars) {
        return text -> {
            String out = text;
            for (Map.Entry<String, String> v : vars.entrySet()) {
                out = out == null ? null : out.replace("${" + v.getKey() + "}", v.getValue());
            }
            return out;
        };
    }

    private static PredictParameters predict() {
        PredictParameters p = new PredictParameters();
        p.setNamespace("models");
        return p;
    }

    @Test
    void aPredictionNamesOneTargetOfTheKindsItReaches() throws Exception {
        PredictParameters p = predict();
        p.setPipeline("iris");
        p.setJson("{}");
        p.validate(FieldLabels.PIPELINE);
        assertEquals(ResourceKind.PIPELINE, p.getKind());
        assertEquals("iris", p.getPipeline());
        assertNull(p.getDeployment());

        PredictParameters model = predict();
        model.setModel("classifier");
        model.setJson("{}");
        assertDoesNotThrow(() -> model.validate(FieldLabels.PIPELINE));

        PredictParameters both = predict();
        both.setDeployment("iris");
        both.setPipeline("iris");
        both.setJson("{}");
        assertEquals("Give one of deployment:, pipeline: or model:, not several",
                assertThrows(InvalidInputException.class, () -> both.validate(FieldLabels.PIPELINE)).getMessage());

        PredictParameters none = predict();
        none.setJson("{}");
        assertEquals("Name what it acts on: Name", assertThrows(InvalidInputException.class,
                () -> none.validate(FORM)).getMessage());
    }

    @Test
    void aPredictionTakesExactlyOnePayloadAndAnExpectationNeedsItsPointer() {
        PredictParameters p = predict();
        p.setDeployment("iris");
        assertEquals("Give the payload as exactly one of payload:, json: or file:",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setJson("{}");
        p.setFile("request.json");
        assertEquals("Give the payload as exactly one of Payload (JSON) or Payload file",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
        p.setFile(" ");
        p.setExpectEquals("2");
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage()
                .startsWith("Equal to needs Expect a value at"));
        p.setExpect("data/0");
        assertThrows(InvalidInputException.class, () -> p.validate(FORM), "not a JSON Pointer");
        p.setExpect("/data/0");
        assertDoesNotThrow(() -> p.validate(FORM));
    }

    @Test
    void buildVariablesAreExpandedInNamesAndExpectationsButNotInJson() throws Exception {
        PredictParameters p = predict();
        p.setNamespace("${NS}");
        p.setTarget("${MODEL}");
        p.setJson("{\"a\": \"${NOT_EXPANDED}\"}");
        p.setExpect("/${FIELD}");
        p.setExpectEquals("${VALUE}");
        Map<String, String> vars = Map.of("NS", "models", "MODEL", "iris", "FIELD", "label", "VALUE", "setosa");
        PredictParameters e = p.expanded(variables(vars));
        assertEquals("models", e.getNamespace());
        assertEquals("iris", e.getTarget());
        assertEquals("/label", e.getExpect());
        assertEquals("setosa", e.getExpectEquals());
        assertEquals("{\"a\": \"${NOT_EXPANDED}\"}", e.getJson());
        assertEquals("${NS}", p.getNamespace(), "the original is left as configured");
    }

    @Test
    void servingOperationsOtherThanPredictionsRefuseModels() {
        BatchJobParameters p = new BatchJobParameters();
        p.setNamespace("models");
        p.setKind(ResourceKind.MODEL);
        p.setTarget("classifier");
        p.setJson("{}");
        assertEquals("This operation is for Pipelines and SeldonDeployments, not Models",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
        p.setKind(ResourceKind.PIPELINE);
        p.setTimeout(0);
        assertEquals("Timeout must be at least 1 second, not 0",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
    }

    @Test
    void aModelMetadataRecordIsBuiltFromMapsOrFromLines() throws Exception {
        ModelMetadataParameters fromMaps = new ModelMetadataParameters();
        fromMaps.setUri("gs://m/iris");
        fromMaps.setArtifactType("sklearn");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("owner", "ml");
        fromMaps.setTags(tags);
        fromMaps.setMetrics(Map.of("accuracy", 0.97));
        fromMaps.validate(FieldLabels.PIPELINE);
        ObjectNode record = fromMaps.record(FieldLabels.PIPELINE);
        assertEquals("SKLEARN", record.path("artifactType").asText());
        assertEquals("ml", record.at("/tags/owner").asText());
        assertEquals(new BigDecimal("0.97"), record.at("/metrics/accuracy").decimalValue());

        ModelMetadataParameters fromLines = new ModelMetadataParameters();
        fromLines.setUri("gs://m/iris");
        fromLines.setTagLines("owner = ml\n\nstage=prod");
        fromLines.setMetricLines("accuracy=0.97");
        ObjectNode r = fromLines.record(FORM);
        assertEquals(Json.object().put("owner", "ml").put("stage", "prod"), r.get("tags"));
        fromLines.setMetricLines("accuracy=high");
        assertEquals("The metric 'accuracy' in Metrics must be a number, not 'high'",
                assertThrows(InvalidInputException.class, () -> fromLines.validate(FORM)).getMessage());
        fromLines.setMetricLines(null);
        fromLines.setTagLines("owner");
        assertEquals("Tags: 'owner' is not key=value",
                assertThrows(InvalidInputException.class, () -> fromLines.validate(FORM)).getMessage());
        ModelMetadataParameters noUri = new ModelMetadataParameters();
        assertTrue(assertThrows(InvalidInputException.class, () -> noUri.validate(FORM)).getMessage()
                .startsWith("Give the model's URI as Model URI"));
    }

    @Test
    void registeringExpandsVariablesInEveryFieldOfTheModelButNotInTheCredential() {
        ModelMetadataParameters p = new ModelMetadataParameters();
        p.setCredentialsId("${CRED}");
        p.setUri("gs://m/${MODEL}");
        p.setName("${MODEL}");
        p.setVersion("${VERSION}");
        p.setArtifactType("${TYPE}");
        p.setTaskType("${TASK}");
        p.setProject("${PROJECT}");
        p.setTagLines("owner=${OWNER}");
        p.setMetricLines("accuracy=${ACCURACY}");
        Map<String, String> vars = Map.of("CRED", "other", "MODEL", "iris", "VERSION", "v2", "TYPE", "sklearn",
                "TASK", "classification", "PROJECT", "", "OWNER", "ml", "ACCURACY", "0.9");
        ModelMetadataParameters e = p.expanded(variables(vars));
        assertEquals("gs://m/iris", e.getUri());
        assertEquals("iris", e.getName());
        assertEquals("v2", e.getVersion());
        assertEquals("SKLEARN", e.getArtifactType(), "normalised as the setter does");
        assertEquals("classification", e.getTaskType());
        assertNull(e.getProject(), "a variable expanded to nothing leaves the field out");
        assertEquals("owner=ml", e.getTagLines());
        assertEquals("accuracy=0.9", e.getMetricLines());
        assertEquals("${CRED}", e.getCredentialsId());
        assertEquals("${MODEL}", p.getName(), "the original is left as configured");
    }

    @Test
    void findingFiltersByTheFieldsGivenInTheApisNamesAndOrder() throws Exception {
        ModelMetadataQueryParameters q = new ModelMetadataQueryParameters();
        q.setUri(" gs://m/iris ");
        q.setName("iris");
        q.setVersion("v1");
        q.setArtifactType("xgboost");
        q.setTaskType("classification");
        q.setProject("default");
        q.validate(FieldLabels.PIPELINE);
        assertEquals(List.of("URI", "name", "version", "artifactType", "taskType", "project"),
                List.copyOf(q.filters().keySet()));
        assertEquals(Arrays.asList("gs://m/iris", "iris", "v1", "XGBOOST", "classification", "default"),
                List.copyOf(q.filters().values()));
        ModelMetadataQueryParameters none = new ModelMetadataQueryParameters();
        none.setName(" ");
        assertEquals(Arrays.asList(null, null, null, null, null, null), Arrays.asList(none.filters().values()
                .toArray()));
        none.setArtifactType("pickle");
        assertTrue(assertThrows(InvalidInputException.class, () -> none.validate(FieldLabels.PIPELINE)).getMessage()
                .endsWith(", not PICKLE"));
    }

    /**
     * A Pipeline map reaches the setters as Groovy built it (structs' DescribableModel passes a Map argument through
     * unconverted): tag values may be numbers or booleans, and keys need not be strings.
     */
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void tagsAndMetricsFromAPipelineMayHoldNumbersBooleansAndNonTextKeys() throws Exception {
        Map groovyTags = new LinkedHashMap();
        groovyTags.put("stage", 2);
        groovyTags.put("approved", true);
        groovyTags.put(7, "lucky");
        Map groovyMetrics = new LinkedHashMap();
        groovyMetrics.put(1, 0.5);
        ModelMetadataParameters p = new ModelMetadataParameters();
        p.setUri("gs://m/iris");
        p.setTags(groovyTags);
        p.setMetrics(groovyMetrics);
        p.validate(FieldLabels.PIPELINE);
        ObjectNode record = p.record(FieldLabels.PIPELINE);
        assertEquals(Json.object().put("stage", "2").put("approved", "true").put("7", "lucky"), record.get("tags"));
        assertEquals(new BigDecimal("0.5"), record.at("/metrics/1").decimalValue());
    }

    @Test
    void aRollbackNeedsItsCommitAndADeployment() throws Exception {
        RollbackParameters p = new RollbackParameters();
        p.setNamespace("prod");
        p.setName("iris");
        assertEquals("Give the commit as hash: (its hash, as the deployment's git history lists it)",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setHash("abc1234");
        p.validate(FORM);
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind());
    }

    @Test
    void monitorsAreNamedByTheirTypeAndLoadTestsDeletedByTheirJob() throws Exception {
        MonitorParameters m = new MonitorParameters();
        m.setNamespace("models");
        m.setDeployment("iris");
        for (String type : List.of("drift", "drift-detector", "DRIFT_DETECTOR")) {
            m.setType(type);
            assertEquals(Monitor.DRIFT_DETECTOR, m.monitor(FieldLabels.PIPELINE), type);
        }
        m.setType("latency");
        assertEquals("type: must be one of drift-detector, outlier-detector, metrics-server, not 'latency'",
                assertThrows(InvalidInputException.class, () -> m.validate(FieldLabels.PIPELINE)).getMessage());
        m.setType("metrics");
        m.validate(FieldLabels.PIPELINE);
        assertThrows(InvalidInputException.class, () -> m.validateNamed(FieldLabels.PIPELINE));

        LoadTestParameters l = new LoadTestParameters();
        assertThrows(InvalidInputException.class, () -> l.validateDelete(FieldLabels.PIPELINE));
        l.setPayload(Map.of("data", List.of()));
        l.setConnections(0);
        assertEquals("connections: must be at least 1, not 0",
                assertThrows(InvalidInputException.class, () -> l.validateCreate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void anApiCallNeedsAMethodAPathAndAtMostOneBody() {
        ApiParameters p = new ApiParameters();
        assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));
        p.setMethod("get");
        assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));
        p.setPath("/user");
        assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE));
        p.setBody(Map.of("a", 1));
        p.setJson("{}");
        assertEquals("Give the body as body: or json:, not both",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
    }
}

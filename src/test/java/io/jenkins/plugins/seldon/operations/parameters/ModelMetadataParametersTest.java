package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Registering model metadata: the fields normalised by the setters, the record built in the API's names with only
 * the fields given, tags and metrics from maps or from a form's lines, and the checks before anything is sent.
 */
class ModelMetadataParametersTest {

    /** How the freestyle form names these fields. */
    private static final FieldLabels FORM = field -> switch (field) {
        case "uri" -> "Model URI";
        case "tagLines" -> "Tags";
        case "metricLines", "metrics" -> "Metrics";
        default -> null;
    };

    private static ModelMetadataParameters iris() {
        ModelMetadataParameters p = new ModelMetadataParameters();
        p.setUri("gs://seldon-models/sklearn/iris");
        return p;
    }

    @Test
    void theModelsFieldsAreTrimmedAndItsArtifactTypeUpperCased() {
        ModelMetadataParameters p = new ModelMetadataParameters();
        p.setUri(" gs://seldon-models/sklearn/iris ");
        p.setName(" iris ");
        p.setVersion(" v1 ");
        p.setArtifactType(" sklearn ");
        p.setTaskType(" classification ");
        p.setProject(" default ");
        assertEquals("gs://seldon-models/sklearn/iris", p.getUri());
        assertEquals("iris", p.getName());
        assertEquals("v1", p.getVersion());
        assertEquals("SKLEARN", p.getArtifactType());
        assertEquals("classification", p.getTaskType());
        assertEquals("default", p.getProject());

        p.setArtifactType(" ");
        assertNull(p.getArtifactType());
        p.setArtifactType(null);
        assertNull(p.getArtifactType());
    }

    @Test
    void tagsAndMetricsAreCopiesAndEmptyOnesAreAbsent() {
        ModelMetadataParameters p = iris();
        assertNull(p.getTags());
        assertNull(p.getMetrics());
        assertFalse(p.isUpdate(), "a record that differs fails unless updating is asked for");

        Map<String, String> tags = new HashMap<>(Map.of("owner", "ml"));
        Map<String, Object> metrics = new HashMap<>(Map.of("accuracy", 0.97));
        p.setTags(tags);
        p.setMetrics(metrics);
        tags.put("stage", "prod");
        metrics.put("loss", 0.1);
        p.setTagLines(" owner=ml ");
        p.setMetricLines("accuracy=0.97\n");
        p.setUpdate(true);
        assertEquals(Map.of("owner", "ml"), p.getTags());
        assertEquals(Map.of("accuracy", 0.97), p.getMetrics());
        assertEquals(" owner=ml ", p.getTagLines(), "lines are parsed when the record is built");
        assertEquals("accuracy=0.97\n", p.getMetricLines());
        assertTrue(p.isUpdate());

        Map<Object, Object> groovy = new LinkedHashMap<>();
        groovy.put("stage", null);
        groovy.put(7, true);
        @SuppressWarnings("unchecked")
        Map<String, String> asDeclared = (Map<String, String>) (Map<?, ?>) groovy;
        p.setTags(asDeclared);
        Map<String, String> read = new LinkedHashMap<>();
        read.put("stage", "");
        read.put("7", "true");
        assertEquals(read, p.getTags());

        p.setTags(Map.of());
        p.setMetrics(Map.of());
        p.setTagLines(" \n ");
        p.setMetricLines("");
        assertNull(p.getTags());
        assertNull(p.getMetrics());
        assertNull(p.getTagLines());
        assertNull(p.getMetricLines());
        p.setTags(null);
        p.setMetrics(null);
        p.setTagLines(null);
        p.setMetricLines(null);
        assertNull(p.getTags());
        assertNull(p.getMetrics());
        assertNull(p.getTagLines());
        assertNull(p.getMetricLines());
    }

    @Test
    void aRecordHoldsOnlyTheFieldsGiven() throws Exception {
        assertEquals(Json.object().put("URI", "gs://seldon-models/sklearn/iris"), iris().record(FieldLabels.PIPELINE),
                "no null fields, no empty tags or metrics");

        ModelMetadataParameters p = iris();
        p.setName("iris");
        p.setVersion("v1");
        p.setArtifactType("sklearn");
        p.setTaskType("classification");
        p.setProject("default");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("owner", "ml");
        tags.put("stage", "prod");
        p.setTags(tags);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", 0.97);
        metrics.put("epochs", 12);
        metrics.put("loss", " 0.25 ");
        p.setMetrics(metrics);

        ObjectNode expected = Json.object().put("URI", "gs://seldon-models/sklearn/iris").put("name", "iris")
                .put("version", "v1").put("artifactType", "SKLEARN").put("taskType", "classification")
                .put("project", "default");
        expected.putObject("tags").put("owner", "ml").put("stage", "prod");
        expected.putObject("metrics").put("accuracy", new BigDecimal("0.97")).put("epochs", new BigDecimal("12"))
                .put("loss", new BigDecimal("0.25"));
        assertEquals(expected, p.record(FieldLabels.PIPELINE));
        assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE));
    }

    @Test
    void formLinesAreKeyEqualsValueWithBlankLinesSkipped() throws Exception {
        ModelMetadataParameters p = iris();
        p.setTagLines(" owner = ml \r\n\n formula=a=b\nnote=");
        p.setMetricLines("accuracy = 0.97\n\nepochs=12");

        ObjectNode record = p.record(FORM);
        assertEquals(Json.object().put("owner", "ml").put("formula", "a=b").put("note", ""), record.get("tags"),
                "split at the first '=', both sides trimmed; an empty value is a value");
        ObjectNode metrics = Json.object().put("accuracy", new BigDecimal("0.97")).put("epochs", new BigDecimal("12"));
        assertEquals(metrics, record.get("metrics"));
    }

    @Test
    void aLineWithoutKeyOrWithoutEqualsIsRefusedInTheFormsWords() {
        ModelMetadataParameters noKey = iris();
        noKey.setTagLines("owner=ml\n=prod");
        assertEquals("Tags: '=prod' is not key=value",
                assertThrows(InvalidInputException.class, () -> noKey.record(FORM)).getMessage());

        ModelMetadataParameters noEquals = iris();
        noEquals.setMetricLines("accuracy 0.97");
        assertEquals("Metrics: 'accuracy 0.97' is not key=value",
                assertThrows(InvalidInputException.class, () -> noEquals.validate(FORM)).getMessage());
    }

    @Test
    void aMetricMustBeANumber() {
        ModelMetadataParameters p = iris();
        p.setMetrics(Map.of("approved", true));
        assertEquals("The metric 'approved' in metrics: must be a number, not 'true'",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setMetrics(Map.of("loss", Double.NaN));
        assertEquals("The metric 'loss' in metrics: must be a number, not 'NaN'",
                assertThrows(InvalidInputException.class, () -> p.record(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void validatingNeedsTheUriAndChecksTheRecordAsTheApiWould() {
        ModelMetadataParameters none = new ModelMetadataParameters();
        none.setName("iris");
        assertEquals("Give the model's URI as uri:, e.g. gs://seldon-models/sklearn/iris",
                assertThrows(InvalidInputException.class, () -> none.validate(FieldLabels.PIPELINE)).getMessage());
        assertEquals("Give the model's URI as Model URI, e.g. gs://seldon-models/sklearn/iris",
                assertThrows(InvalidInputException.class, () -> none.validate(FORM)).getMessage());

        ModelMetadataParameters longVersion = iris();
        longVersion.setVersion("v".repeat(51));
        assertEquals("The model's version must not exceed 50 characters; it has 51",
                assertThrows(InvalidInputException.class, () -> longVersion.validate(FieldLabels.PIPELINE))
                        .getMessage());
    }

    @Test
    void aCopyHasTheModelsFieldsAndLinesExpanded() {
        ModelMetadataParameters p = new ModelMetadataParameters();
        p.setServer("${SERVER}");
        p.setUri("gs://models/${MODEL}");
        p.setArtifactType("${TYPE}");
        p.setTagLines("owner=${OWNER}");
        p.setMetricLines("accuracy=${ACCURACY}");
        Map<String, String> vars = Map.of("SERVER", "prod", "MODEL", "iris", "TYPE", "sklearn", "OWNER", "ml",
                "ACCURACY", "0.9");

        ModelMetadataParameters copy = p.expanded(text -> {
            String out = text;
            for (Map.Entry<String, String> v : vars.entrySet()) {
                out = out == null ? null : out.replace("${" + v.getKey() + "}", v.getValue());
            }
            return out;
        });

        assertEquals("prod", copy.getServer());
        assertEquals("gs://models/iris", copy.getUri());
        assertEquals("SKLEARN", copy.getArtifactType());
        assertEquals("owner=ml", copy.getTagLines());
        assertEquals("accuracy=0.9", copy.getMetricLines());
        assertEquals("gs://models/${MODEL}", p.getUri());
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.ModelMetadata;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Register a model's metadata: its URI (required) and project, which identify the record, and any of name, version,
 * artifact type, task type, tags and metrics. Tags and metrics come as maps from a Pipeline and as {@code key=value}
 * lines from a form ({@link #setTagLines}, {@link #setMetricLines}), checked by {@link #validate}.
 */
public final class ModelMetadataParameters extends ModelMetadataFields {

    private static final long serialVersionUID = 1L;

    private LinkedHashMap<String, String> tags;
    private LinkedHashMap<String, Object> metrics;
    private String tagLines;
    private String metricLines;
    private boolean update;

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            this.tags = null;
            return;
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        // A Pipeline map arrives as Groovy built it, whatever the declared types: values may be numbers or booleans
        // and keys need not be strings, so the entries are read untyped (a typed lambda would cast them). A tag
        // without a value is an empty one, as in tagLines, not the text "null".
        for (Map.Entry<?, ?> e : ((Map<?, ?>) tags).entrySet()) {
            copy.put(String.valueOf(e.getKey()), Objects.toString(e.getValue(), ""));
        }
        this.tags = copy;
    }

    public Map<String, Object> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, Object> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            this.metrics = null;
            return;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        // As for tags: the keys of a Pipeline map need not be strings.
        for (Map.Entry<?, ?> e : ((Map<?, ?>) metrics).entrySet()) {
            copy.put(String.valueOf(e.getKey()), e.getValue());
        }
        this.metrics = copy;
    }

    /** Tags as {@code key=value} lines, from a form. */
    public String getTagLines() {
        return tagLines;
    }

    public void setTagLines(String tagLines) {
        this.tagLines = tagLines == null || tagLines.isBlank() ? null : tagLines;
    }

    /** Metrics as {@code key=number} lines, from a form. */
    public String getMetricLines() {
        return metricLines;
    }

    public void setMetricLines(String metricLines) {
        this.metricLines = metricLines == null || metricLines.isBlank() ? null : metricLines;
    }

    /** Replace a stored record of the same URI and project that differs, rather than fail. */
    public boolean isUpdate() {
        return update;
    }

    public void setUpdate(boolean update) {
        this.update = update;
    }

    /**
     * The record to register: the fields given, in the API's names.
     *
     * @throws InvalidInputException for a tag or metric line that is not {@code key=value}, or a metric that is not a
     *     number
     */
    public ObjectNode record(FieldLabels labels) throws InvalidInputException {
        ObjectNode r = Json.object();
        fields().forEach((field, value) -> {
            if (value != null) {
                r.put(field, value);
            }
        });
        Map<String, String> t = tags != null ? tags : lines(tagLines, "tagLines", labels);
        if (t != null) {
            ObjectNode node = r.putObject("tags");
            t.forEach(node::put);
        }
        Map<String, ?> m = metrics != null ? metrics : lines(metricLines, "metricLines", labels);
        if (m != null) {
            ObjectNode node = r.putObject("metrics");
            for (Map.Entry<String, ?> e : m.entrySet()) {
                node.put(String.valueOf(e.getKey()), number(e.getKey(), e.getValue(), labels));
            }
        }
        return r;
    }

    private static Map<String, String> lines(String text, String field, FieldLabels labels)
            throws InvalidInputException {
        if (text == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(labels.of(field) + ": '" + l + "' is not key=value");
            }
            map.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return map;
    }

    private static BigDecimal number(String key, Object value, FieldLabels labels) throws InvalidInputException {
        try {
            // A number from a Pipeline and a line's text alike: the decimal as Java writes it, without binary rounding.
            return new BigDecimal(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            // Not "label: ...": a Pipeline's label ends in a colon already.
            throw new InvalidInputException("The metric '" + key + "' in " + labels.of("metrics")
                    + " must be a number, not '" + value + "'");
        }
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        if (getUri() == null) {
            throw new InvalidInputException("Give the model's URI as " + labels.of("uri") + ", e.g."
                    + " gs://seldon-models/sklearn/iris");
        }
        ModelMetadata.check(record(labels));
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        expandFields(variables);
        setTagLines(variables.apply(tagLines));
        setMetricLines(variables.apply(metricLines));
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.Expectation;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Send a prediction to a SeldonDeployment, a Pipeline or a Model, and optionally check the answer: a JSON Pointer
 * that must exist ({@code expect}) and, when given, the value it must have ({@code expectEquals}).
 */
public final class PredictParameters extends ServingParameters implements JsonSource {

    private static final long serialVersionUID = 1L;

    private LinkedHashMap<String, Object> payload;
    private String json;
    private String file;
    private String expect;
    private String expectEquals;

    @Override
    protected Set<ResourceKind> kinds() {
        return Set.of(ResourceKind.SELDON_DEPLOYMENT, ResourceKind.PIPELINE, ResourceKind.MODEL);
    }

    /** The payload as a map, from a Pipeline. */
    public Map<String, Object> getPayload() {
        return payload;
    }

    public void setPayload(Map<String, Object> payload) {
        this.payload = payload == null || payload.isEmpty() ? null : new LinkedHashMap<>(payload);
    }

    @Override
    public Map<String, Object> map() {
        return payload;
    }

    @Override
    public String mapField() {
        return "payload";
    }

    /** The payload as JSON text. */
    @Override
    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json == null || json.isBlank() ? null : json;
    }

    /** A workspace-relative path of a JSON file. */
    @Override
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = text(file);
    }

    /** A JSON Pointer the answer must have, e.g. {@code /data/ndarray/0}; null for no check. */
    public String getExpect() {
        return expect;
    }

    public void setExpect(String expect) {
        this.expect = text(expect);
    }

    /** The value the answer must have at {@link #getExpect()}: JSON when it reads as JSON, else a string. */
    public String getExpectEquals() {
        return expectEquals;
    }

    public void setExpectEquals(String expectEquals) {
        this.expectEquals = expectEquals == null || expectEquals.isEmpty() ? null : expectEquals;
    }

    /** The check of the answer, or null when none is asked for. */
    public Expectation expectation() throws InvalidInputException {
        return expect == null ? null : Expectation.of(expect, expectEquals);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        JsonSource.checkOne(this, labels, "the payload", true);
        if (expectEquals != null && expect == null) {
            throw new InvalidInputException(labels.of("expectEquals") + " needs " + labels.of("expect")
                    + ", the JSON Pointer of the value to compare, e.g. /data/ndarray/0");
        }
        expectation();
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        file = text(variables.apply(file));
        expect = text(variables.apply(expect));
        String e = variables.apply(expectEquals);
        expectEquals = e == null || e.isEmpty() ? null : e;
    }
}

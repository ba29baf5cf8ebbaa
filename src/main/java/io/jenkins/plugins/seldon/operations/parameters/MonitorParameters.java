package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.Monitor;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The monitors of a SeldonDeployment or a Pipeline: which {@code type} ({@code drift-detector},
 * {@code outlier-detector} or, for a SeldonDeployment, {@code metrics-server}), the monitor's {@code detector} name,
 * and, to create one, its configuration (a map, JSON text or a workspace file).
 */
public final class MonitorParameters extends ServingParameters implements JsonSource {

    private static final long serialVersionUID = 1L;

    private String type;
    private String detector;
    private LinkedHashMap<String, Object> config;
    private String json;
    private String file;
    private boolean allowMissing;

    /** As given; see {@link #monitor(FieldLabels)}. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = text(type);
    }

    /** The monitor's name. */
    public String getDetector() {
        return detector;
    }

    public void setDetector(String detector) {
        this.detector = text(detector);
    }

    public Map<String, Object> getConfig() {
        return config;
    }

    public void setConfig(Map<String, Object> config) {
        this.config = config == null || config.isEmpty() ? null : new LinkedHashMap<>(config);
    }

    @Override
    public Map<String, Object> map() {
        return config;
    }

    @Override
    public String mapField() {
        return "config";
    }

    @Override
    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json == null || json.isBlank() ? null : json;
    }

    @Override
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = text(file);
    }

    public boolean isAllowMissing() {
        return allowMissing;
    }

    public void setAllowMissing(boolean allowMissing) {
        this.allowMissing = allowMissing;
    }

    /**
     * The monitor {@code type} names.
     *
     * @throws InvalidInputException when it names none
     */
    public Monitor monitor(FieldLabels labels) throws InvalidInputException {
        return Monitor.named(type).orElseThrow(() -> new InvalidInputException(labels.of("type") + " must be one of "
                + Arrays.stream(Monitor.values()).map(Monitor::segment).collect(Collectors.joining(", "))
                + (type == null ? "" : ", not '" + type + "'")));
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        monitor(labels);
        JsonSource.checkOne(this, labels, "the configuration", false);
    }

    /** Checks what creating or deleting a monitor needs besides {@link #validate}: its name. */
    public void validateNamed(FieldLabels labels) throws InvalidInputException {
        if (detector == null) {
            throw new InvalidInputException("Name the monitor as " + labels.of("detector"));
        }
    }
}

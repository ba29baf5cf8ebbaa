package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Create or update a deployment from exactly one source: a workspace file, manifest text, or (Pipeline only) a map.
 * The manifest text is never expanded: {@code ${...}} in it belongs to the manifest.
 */
public final class ApplyParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;

    private String file;
    private String manifest;
    private LinkedHashMap<String, Object> resource;
    private String message;

    /** A workspace-relative path. */
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = text(file);
    }

    /** YAML or JSON text; kept as given, so that line numbers in messages match. */
    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest == null || manifest.isBlank() ? null : manifest;
    }

    /** The resource as a map, from a Pipeline. */
    public Map<String, Object> getResource() {
        return resource;
    }

    public void setResource(Map<String, Object> resource) {
        this.resource = resource == null || resource.isEmpty() ? null : new LinkedHashMap<>(resource);
    }

    /** The audit message recorded with the change; null for the build's default. */
    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = text(message);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        int sources = (file == null ? 0 : 1) + (manifest == null ? 0 : 1) + (resource == null ? 0 : 1);
        if (sources != 1) {
            List<String> choices = Stream.of("file", "manifest", "resource").map(labels::of).filter(Objects::nonNull)
                    .toList();
            throw new InvalidInputException("Give the manifest as exactly one of "
                    + String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1));
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        file = text(variables.apply(file));
        message = text(variables.apply(message));
    }
}

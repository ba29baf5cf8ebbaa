package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Have the server validate SeldonDeployment manifests, from exactly one source: a workspace file, manifest text (one
 * or more documents), or (Pipeline only) one resource as a map. The namespace may be left to each manifest's own.
 */
public final class ValidateParameters extends NamespaceParameters implements ManifestSource {

    private static final long serialVersionUID = 1L;

    private String file;
    private String manifest;
    private LinkedHashMap<String, Object> resource;

    @Override
    protected boolean namespaceRequired() {
        return false;
    }

    @Override
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = text(file);
    }

    @Override
    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest == null || manifest.isBlank() ? null : manifest;
    }

    @Override
    public Map<String, Object> getResource() {
        return resource;
    }

    public void setResource(Map<String, Object> resource) {
        this.resource = resource == null || resource.isEmpty() ? null : new LinkedHashMap<>(resource);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        int sources = (file == null ? 0 : 1) + (manifest == null ? 0 : 1) + (resource == null ? 0 : 1);
        if (sources != 1) {
            List<String> choices = Stream.of("file", "manifest", "resource").map(labels::of).filter(Objects::nonNull)
                    .toList();
            throw new InvalidInputException("Give the manifest as exactly one of "
                    + String.join(", ", choices.subList(0, choices.size() - 1)) + " or "
                    + choices.get(choices.size() - 1));
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        file = text(variables.apply(file));
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.ModelMetadata;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Find model metadata records: every field given must match; none given finds them all (up to the limit). */
public final class ModelMetadataQueryParameters extends OperationParameters {

    private static final long serialVersionUID = 1L;

    private String uri;
    private String name;
    private String version;
    private String artifactType;
    private String taskType;
    private String project;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = text(uri);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = text(name);
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = text(version);
    }

    public String getArtifactType() {
        return artifactType;
    }

    public void setArtifactType(String artifactType) {
        String t = text(artifactType);
        this.artifactType = t == null ? null : t.toUpperCase(Locale.ROOT);
    }

    public String getTaskType() {
        return taskType;
    }

    public void setTaskType(String taskType) {
        this.taskType = text(taskType);
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = text(project);
    }

    /** The filters in the API's query names; absent ones are null. */
    public Map<String, String> filters() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("URI", uri);
        f.put("name", name);
        f.put("version", version);
        f.put("artifactType", artifactType);
        f.put("taskType", taskType);
        f.put("project", project);
        return f;
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        if (artifactType != null && !ModelMetadata.ARTIFACT_TYPES.contains(artifactType)) {
            throw new InvalidInputException(labels.of("artifactType") + " must be one of "
                    + String.join(", ", new TreeSet<>(ModelMetadata.ARTIFACT_TYPES)) + ", not " + artifactType);
        }
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The fields that describe a model in the API's model metadata, shared by registering a record and finding records:
 * its URI and project, which identify a record, its name and version, and its artifact and task types.
 */
public abstract class ModelMetadataFields extends OperationParameters {

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

    /** E.g. {@code SKLEARN}; any case. */
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

    /** The fields in the API's names, in its order; absent ones are null. */
    protected final Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("URI", uri);
        f.put("name", name);
        f.put("version", version);
        f.put("artifactType", artifactType);
        f.put("taskType", taskType);
        f.put("project", project);
        return f;
    }

    /** Replaces variables in the fields, as the setters take them. */
    protected final void expandFields(UnaryOperator<String> variables) {
        setUri(variables.apply(uri));
        setName(variables.apply(name));
        setVersion(variables.apply(version));
        setArtifactType(variables.apply(artifactType));
        setTaskType(variables.apply(taskType));
        setProject(variables.apply(project));
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Names;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Promote a resource of any kind from one environment to another: read it from a source server and namespace, apply
 * it to the target. The inherited server, credentials and namespace are the target's (the target namespace defaults
 * to the source's); the source has its own server (default: the target's), credentials and namespace.
 */
public final class PromoteParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;

    private ResourceKind kind = ResourceKind.SELDON_DEPLOYMENT;
    private String name;
    private String fromServer;
    private String fromCredentialsId;
    private String fromNamespace;
    private String targetName;
    private LinkedHashMap<String, String> pipelineRenames = new LinkedHashMap<>();
    private boolean dryRun;
    private String message;

    @Override
    protected boolean namespaceRequired() {
        return false;
    }

    public ResourceKind getKind() {
        return kind;
    }

    public void setKind(ResourceKind kind) {
        this.kind = kind == null ? ResourceKind.SELDON_DEPLOYMENT : kind;
    }

    /** The source resource; for an Experiment, its main pipeline. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = text(name);
    }

    /** The source server; null for the target's. */
    public String getFromServer() {
        return fromServer;
    }

    public void setFromServer(String fromServer) {
        this.fromServer = text(fromServer);
    }

    /** The job's own credential for the source server; null for that server's own. */
    public String getFromCredentialsId() {
        return fromCredentialsId;
    }

    public void setFromCredentialsId(String fromCredentialsId) {
        this.fromCredentialsId = text(fromCredentialsId);
    }

    public String getFromNamespace() {
        return fromNamespace;
    }

    public void setFromNamespace(String fromNamespace) {
        this.fromNamespace = text(fromNamespace);
    }

    /** The name on the target ({@code metadata.name}); null for the source's. */
    public String getTargetName() {
        return targetName;
    }

    public void setTargetName(String targetName) {
        this.targetName = text(targetName);
    }

    /** For an Experiment: pipeline names to replace in its references, source name to target name. */
    public Map<String, String> getPipelineRenames() {
        return pipelineRenames;
    }

    public void setPipelineRenames(Map<String, String> pipelineRenames) {
        this.pipelineRenames = new LinkedHashMap<>();
        if (pipelineRenames != null) {
            // A Pipeline map arrives as Groovy built it, whatever the declared types: names may be Groovy strings, so
            // the entries are read untyped (a typed lambda would cast them). A null stays null, for validate to report
            // the name as missing rather than rename to "null".
            for (Map.Entry<?, ?> rename : ((Map<?, ?>) pipelineRenames).entrySet()) {
                this.pipelineRenames.put(Objects.toString(rename.getKey(), null),
                        Objects.toString(rename.getValue(), null));
            }
        }
    }

    /** Read and compare only: say what would change on the target, and change nothing. */
    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** The build's audit message, after the one naming the source; null for the build's default. */
    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = text(message);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        if (fromNamespace == null) {
            throw new InvalidInputException("Give the source namespace as " + labels.of("fromNamespace"));
        }
        Names.checkNamespace(fromNamespace);
        ResourceKind naming = kind == ResourceKind.EXPERIMENT ? ResourceKind.PIPELINE : kind;
        Names.checkName(naming, name);
        if (targetName != null) {
            Names.checkName(kind, targetName);
        }
        if (!pipelineRenames.isEmpty() && kind != ResourceKind.EXPERIMENT) {
            throw new InvalidInputException(labels.of("pipelineRenames") + " applies to the pipelines an Experiment"
                    + " refers to; to rename the " + kind.kind() + " itself, give " + labels.of("targetName"));
        }
        for (Map.Entry<String, String> rename : pipelineRenames.entrySet()) {
            Names.checkName(ResourceKind.PIPELINE, rename.getKey());
            Names.checkName(ResourceKind.PIPELINE, rename.getValue());
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        name = text(variables.apply(name));
        fromServer = text(variables.apply(fromServer));
        fromNamespace = text(variables.apply(fromNamespace));
        targetName = text(variables.apply(targetName));
        message = text(variables.apply(message));
    }
}

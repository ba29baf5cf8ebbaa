package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Create or update resources of any kind from exactly one source: a workspace file or manifest text (one or more YAML
 * documents), or (Pipeline only) one resource as a map. The namespace may be left to each manifest's
 * {@code metadata.namespace}. Manifest text is never expanded here; see {@link #isExpandVariables()}.
 */
public final class ApplyParameters extends NamespaceParameters implements ManifestSource {

    private static final long serialVersionUID = 1L;

    private String file;
    private String manifest;
    private LinkedHashMap<String, Object> resource;
    private String message;
    private boolean dryRun;
    private boolean wait;
    private int timeout = Durations.DEFAULT_TIMEOUT_SECONDS;
    private int pollInterval = Durations.DEFAULT_POLL_INTERVAL_SECONDS;
    private boolean expandVariables;

    @Override
    protected boolean namespaceRequired() {
        return false;
    }

    /** A workspace-relative path. */
    @Override
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = text(file);
    }

    /** YAML or JSON text; kept as given, so that line numbers in messages match. */
    @Override
    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest == null || manifest.isBlank() ? null : manifest;
    }

    /** One resource as a map, from a Pipeline. */
    @Override
    public Map<String, Object> getResource() {
        return resource;
    }

    public void setResource(Map<String, Object> resource) {
        this.resource = resource == null || resource.isEmpty() ? null : new LinkedHashMap<>(resource);
    }

    /** The audit message recorded with each change; null for the build's default. */
    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = text(message);
    }

    /** Read and compare only: say what would change, and change nothing. */
    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** After applying, wait until every applied resource is ready. */
    public boolean isWait() {
        return wait;
    }

    public void setWait(boolean wait) {
        this.wait = wait;
    }

    /** Seconds, for the wait. */
    public int getTimeout() {
        return timeout;
    }

    /** Checked by {@link #validate}: at least one second. */
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    /** Seconds between polls, for the wait. */
    public int getPollInterval() {
        return pollInterval;
    }

    /** Checked by {@link #validate}: at least one second. */
    public void setPollInterval(int pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollInterval);
    }

    /**
     * Freestyle: expand build variables such as {@code ${VERSION}} in the manifest's text too, whether inline or read
     * from the file. Off by default: {@code ${...}} in a manifest usually belongs to it.
     */
    public boolean isExpandVariables() {
        return expandVariables;
    }

    public void setExpandVariables(boolean expandVariables) {
        this.expandVariables = expandVariables;
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
        if (dryRun && wait) {
            throw new InvalidInputException("A dry run changes nothing, so there is nothing to wait for: give "
                    + labels.of("dryRun") + " or " + labels.of("wait") + ", not both");
        }
        if (wait) {
            Durations.checkAtLeastOneSecond(timeout, "timeout", labels);
            Durations.checkAtLeastOneSecond(pollInterval, "pollInterval", labels);
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        file = text(variables.apply(file));
        message = text(variables.apply(message));
    }
}

package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Start a canary or shadow: the target, and the candidate. For a Pipeline, the candidate is another pipeline, named by
 * {@code candidate} or by the one Pipeline in the manifest, which (with its Models) is applied first when given. For a
 * SeldonDeployment, the candidate is a predictor taken from the manifest (a predictor, or a SeldonDeployment whose
 * first predictor is taken), named {@code candidate} or as in the manifest.
 */
public class CandidateParameters extends RolloutParameters implements ManifestSource {

    private static final long serialVersionUID = 1L;

    private String candidate;
    private String file;
    private String manifest;
    private LinkedHashMap<String, Object> resource;

    /** The candidate pipeline, or the candidate predictor's name; null to take it from the manifest. */
    public String getCandidate() {
        return candidate;
    }

    public void setCandidate(String candidate) {
        this.candidate = text(candidate);
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
        List<String> choices = Stream.of("file", "manifest", "resource").map(labels::of).filter(Objects::nonNull)
                .toList();
        String oneOf = String.join(", ", choices.subList(0, choices.size() - 1)) + " or "
                + choices.get(choices.size() - 1);
        if (sources > 1) {
            throw new InvalidInputException("Give the candidate's manifest as at most one of " + oneOf);
        }
        if (sources == 0 && getKind() == ResourceKind.SELDON_DEPLOYMENT) {
            throw new InvalidInputException("The candidate of a SeldonDeployment is a predictor: give it as " + oneOf
                    + " (a predictor, or a SeldonDeployment whose first predictor is the candidate)");
        }
        // Without a manifest the target is now a Pipeline: super.validate admits no other kind.
        if (sources == 0 && candidate == null) {
            throw new InvalidInputException("Name the candidate pipeline with " + labels.of("candidate")
                    + ", or give its manifest as " + oneOf);
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        candidate = text(variables.apply(candidate));
        file = text(variables.apply(file));
    }
}

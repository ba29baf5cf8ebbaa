package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.ModelMetadata;
import java.util.Map;
import java.util.TreeSet;

/** Find model metadata records: every field given must match; none given finds them all (up to the limit). */
public final class ModelMetadataQueryParameters extends ModelMetadataFields {

    private static final long serialVersionUID = 1L;

    /** The filters in the API's query names; absent ones are null. */
    public Map<String, String> filters() {
        return fields();
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        String artifactType = getArtifactType();
        if (artifactType != null && !ModelMetadata.ARTIFACT_TYPES.contains(artifactType)) {
            throw new InvalidInputException(labels.of("artifactType") + " must be one of "
                    + String.join(", ", new TreeSet<>(ModelMetadata.ARTIFACT_TYPES)) + ", not " + artifactType);
        }
    }
}

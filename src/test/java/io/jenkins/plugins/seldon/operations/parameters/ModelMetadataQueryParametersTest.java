package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Finding model metadata: any filters, none at all included; an artifact type only of those the API knows. */
class ModelMetadataQueryParametersTest {

    @Test
    void noFilterOrAKnownArtifactTypeInAnyCaseIsAccepted() {
        ModelMetadataQueryParameters none = new ModelMetadataQueryParameters();
        assertDoesNotThrow(() -> none.validate(FieldLabels.PIPELINE), "no filter finds every record");

        ModelMetadataQueryParameters type = new ModelMetadataQueryParameters();
        type.setArtifactType(" huggingface ");
        assertDoesNotThrow(() -> type.validate(FieldLabels.PIPELINE));
        assertEquals("HUGGINGFACE", type.filters().get("artifactType"));
    }

    @Test
    void anUnknownArtifactTypeIsRefusedListingTheKnownOnes() {
        ModelMetadataQueryParameters p = new ModelMetadataQueryParameters();
        p.setArtifactType("pickle");
        assertEquals("artifactType: must be one of ALIBI_DETECT, ALIBI_EXPLAIN, CUSTOM, HUGGINGFACE, MLFLOW,"
                + " MLSERVER_PYTHON, ONNX, PYTORCH, SKLEARN, TENSORFLOW, TENSORRT, TRITON_PYTHON, UNKNOWN, XGBOOST,"
                + " not PICKLE", assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE))
                        .getMessage());
    }
}

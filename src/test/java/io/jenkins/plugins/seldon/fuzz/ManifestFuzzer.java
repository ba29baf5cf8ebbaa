package io.jenkins.plugins.seldon.fuzz;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Manifests;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: manifest parsing through its public entry point, with the input as UTF-8 text. Only
 * {@link InvalidInputException} may come out.
 */
public final class ManifestFuzzer {

    private ManifestFuzzer() {
    }

    /** Called by Jazzer before fuzzing: loads what the first input would, outside its timeout. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("a: 1".getBytes(StandardCharsets.UTF_8));
        fuzzerTestOneInput("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            Manifests.parse(new String(data, StandardCharsets.UTF_8), "fuzz.yaml");
        } catch (InvalidInputException e) {
            // Declared: the message says what is wrong.
        }
    }
}

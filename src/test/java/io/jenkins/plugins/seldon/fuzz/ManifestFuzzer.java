package io.jenkins.plugins.seldon.fuzz;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Manifests;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: manifest parsing and checking through their public entry points, with the input as UTF-8 text of one
 * or more documents. Only {@link InvalidInputException} may come out.
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
            for (Manifests.Document d : Manifests.parseAll(new String(data, StandardCharsets.UTF_8), "fuzz.yaml")) {
                Manifests.validate(d.manifest(), null, d.source());
            }
        } catch (InvalidInputException e) {
            // Declared: the message says what is wrong.
        } catch (InterruptedException e) {
            // Nothing interrupts the fuzzer's thread.
            throw new AssertionError(e);
        }
    }
}

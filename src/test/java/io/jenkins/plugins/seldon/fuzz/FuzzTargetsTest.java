package io.jenkins.plugins.seldon.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every seed and past finding of the fuzz targets ({@code src/test/resources/fuzz/<target>/}) in the normal
 * test run, so that what the fuzzer found stays fixed. {@code .ci/fuzz} runs the targets under Jazzer.
 */
class FuzzTargetsTest {

    // The targets route traffic for other hosts into a refusing port, JVM-wide: other tests get the usual routes back.
    private static ProxySelector previous;

    @BeforeAll
    static void keepProxySelector() {
        previous = ProxySelector.getDefault();
    }

    @AfterAll
    static void restoreProxySelector() {
        ProxySelector.setDefault(previous);
    }

    @TestFactory
    Stream<DynamicTest> apiAnswers() throws Exception {
        return replay("ApiAnswerFuzzer", ApiAnswerFuzzer::fuzzerTestOneInput);
    }

    @TestFactory
    Stream<DynamicTest> tokenAnswers() throws Exception {
        return replay("TokenAnswerFuzzer", TokenAnswerFuzzer::fuzzerTestOneInput);
    }

    @TestFactory
    Stream<DynamicTest> discoveryDocuments() throws Exception {
        return replay("DiscoveryFuzzer", DiscoveryFuzzer::fuzzerTestOneInput);
    }

    @TestFactory
    Stream<DynamicTest> manifests() throws Exception {
        return replay("ManifestFuzzer", ManifestFuzzer::fuzzerTestOneInput);
    }

    @TestFactory
    Stream<DynamicTest> loginPages() throws Exception {
        return replay("LoginPageFuzzer", LoginPageFuzzer::fuzzerTestOneInput);
    }

    private static Stream<DynamicTest> replay(String target, Consumer<byte[]> fuzzer)
            throws IOException, URISyntaxException {
        Path dir = Path.of(FuzzTargetsTest.class.getResource("/fuzz/" + target).toURI());
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.sorted().toList();
        }
        assertFalse(inputs.isEmpty(), "seeds of " + target);
        return inputs.stream().map(p -> DynamicTest.dynamicTest(target + " " + p.getFileName(),
                () -> assertDoesNotThrow(() -> fuzzer.accept(Files.readAllBytes(p)))));
    }
}

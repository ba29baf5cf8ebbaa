package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An apply's inputs: exactly one manifest source, and a wait only when it changes something. */
class ApplyParametersTest {

    private static final FieldLabels FORM = field -> switch (field) {
        case "file" -> "Manifest file";
        case "manifest" -> "Manifest";
        case "timeout" -> "Timeout";
        case "pollInterval" -> "Poll interval";
        case "dryRun" -> "Dry run";
        case "wait" -> "Wait until ready";
        default -> null;
    };

    private static ApplyParameters fromText() {
        ApplyParameters p = new ApplyParameters();
        p.setManifest("kind: Model");
        return p;
    }

    @Test
    void byDefaultAnApplyNeitherWaitsNorDryRunsNorExpandsAndWouldWaitTenMinutesPollingEveryTenSeconds() {
        ApplyParameters p = new ApplyParameters();
        assertFalse(p.isDryRun());
        assertFalse(p.isWait());
        assertFalse(p.isExpandVariables());
        assertEquals(600, p.getTimeout());
        assertEquals(10, p.getPollInterval());
        assertEquals(Duration.ofMinutes(10), p.timeout());
        assertEquals(Duration.ofSeconds(10), p.pollInterval());
        assertFalse(p.hasManifest());
    }

    @Test
    void theSwitchesAndDurationsReadBackAsSet() {
        ApplyParameters p = new ApplyParameters();
        p.setDryRun(true);
        p.setExpandVariables(true);
        p.setTimeout(90);
        p.setPollInterval(3);
        assertTrue(p.isDryRun());
        assertTrue(p.isExpandVariables());
        assertFalse(p.isWait());
        assertEquals(90, p.getTimeout());
        assertEquals(3, p.getPollInterval());
        assertEquals(Duration.ofSeconds(90), p.timeout());
        assertEquals(Duration.ofSeconds(3), p.pollInterval());
        p.setDryRun(false);
        p.setWait(true);
        assertTrue(p.isWait());
        assertFalse(p.isDryRun());
    }

    @Test
    void manifestTextIsKeptExactlyAsGivenUnlessBlank() {
        ApplyParameters p = new ApplyParameters();
        String text = "\n  kind: Model\n  metadata: {name: iris}\n";
        p.setManifest(text);
        assertEquals(text, p.getManifest(), "untrimmed, so that line numbers in messages match the text");
        assertTrue(p.hasManifest());
        p.setManifest(" \n\t");
        assertNull(p.getManifest());
        p.setManifest(null);
        assertNull(p.getManifest());
        assertFalse(p.hasManifest());
    }

    @Test
    void aResourceMapIsCopiedAndAnEmptyOneIsAbsent() {
        ApplyParameters p = new ApplyParameters();
        Map<String, Object> resource = new HashMap<>(Map.of("kind", "Model"));
        p.setResource(resource);
        resource.put("apiVersion", "changed afterwards");
        assertEquals(Map.of("kind", "Model"), p.getResource(), "a copy, unaffected by later changes to the map");
        assertTrue(p.hasManifest());
        p.setResource(Map.of());
        assertNull(p.getResource());
        p.setResource(null);
        assertNull(p.getResource());
        assertFalse(p.hasManifest());
    }

    @Test
    void aFileIsTrimmedAndIsAManifestSource() {
        ApplyParameters p = new ApplyParameters();
        p.setFile(" deploy/iris.yaml ");
        assertEquals("deploy/iris.yaml", p.getFile());
        assertTrue(p.hasManifest());
        p.setFile(" ");
        assertNull(p.getFile());
    }

    @Test
    void eachSourceAloneIsEnough() {
        ApplyParameters file = new ApplyParameters();
        file.setFile("iris.yaml");
        assertDoesNotThrow(() -> file.validate(FieldLabels.PIPELINE));
        assertDoesNotThrow(() -> fromText().validate(FieldLabels.PIPELINE));
        ApplyParameters resource = new ApplyParameters();
        resource.setResource(Map.of("kind", "Model"));
        assertDoesNotThrow(() -> resource.validate(FieldLabels.PIPELINE));
    }

    @Test
    void twoOrThreeSourcesAreRefused() {
        String expected = "Give the manifest as exactly one of file:, manifest: or resource:";
        ApplyParameters fileAndText = fromText();
        fileAndText.setFile("iris.yaml");
        assertEquals(expected, assertThrows(InvalidInputException.class,
                () -> fileAndText.validate(FieldLabels.PIPELINE)).getMessage());
        ApplyParameters textAndResource = fromText();
        textAndResource.setResource(Map.of("kind", "Model"));
        assertEquals(expected, assertThrows(InvalidInputException.class,
                () -> textAndResource.validate(FieldLabels.PIPELINE)).getMessage());
        ApplyParameters all = fromText();
        all.setFile("iris.yaml");
        all.setResource(Map.of("kind", "Model"));
        assertEquals(expected, assertThrows(InvalidInputException.class,
                () -> all.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void aDryRunAloneAndAWaitAloneAreBothValid() {
        ApplyParameters dryRun = fromText();
        dryRun.setDryRun(true);
        assertDoesNotThrow(() -> dryRun.validate(FORM));
        ApplyParameters wait = fromText();
        wait.setWait(true);
        assertDoesNotThrow(() -> wait.validate(FORM));
        wait.setDryRun(true);
        assertEquals("A dry run changes nothing, so there is nothing to wait for: give Dry run or Wait until ready,"
                + " not both", assertThrows(InvalidInputException.class, () -> wait.validate(FORM)).getMessage());
    }

    @Test
    void aWaitNeedsAPollIntervalOfAtLeastOneSecond() throws Exception {
        ApplyParameters p = fromText();
        p.setWait(true);
        p.setPollInterval(0);
        assertEquals("Poll interval must be at least 1 second, not 0",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
        p.setPollInterval(1);
        p.setTimeout(1);
        p.validate(FORM);
        p.setWait(false);
        p.setPollInterval(-1);
        p.validate(FORM);
    }

    @Test
    void aCopyExpandsTheFileAndMessageButNotTheManifestText() {
        ApplyParameters p = new ApplyParameters();
        p.setFile("${APP}.yaml");
        p.setMessage(" release ${APP} ");
        p.setNamespace("${APP}-ns");
        p.setManifest("name: ${APP}");
        ApplyParameters copy = p.expanded(t -> t == null ? null : t.replace("${APP}", "iris"));
        assertEquals("iris.yaml", copy.getFile());
        assertEquals("release iris", copy.getMessage());
        assertEquals("iris-ns", copy.getNamespace());
        assertEquals("name: ${APP}", copy.getManifest());
        assertEquals("release ${APP}", p.getMessage());
    }
}

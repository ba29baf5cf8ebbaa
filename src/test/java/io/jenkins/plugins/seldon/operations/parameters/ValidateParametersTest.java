package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Having the server validate manifests: exactly one source, and a namespace that may be left to the manifests. */
class ValidateParametersTest {

    /** A form has no map field: its label is null. */
    private static final FieldLabels FORM = field -> switch (field) {
        case "file" -> "Manifest file";
        case "manifest" -> "Manifest";
        default -> null;
    };

    private static final String EXACTLY_ONE = "Give the manifest as exactly one of file:, manifest: or resource:";

    @Test
    void settersKeepEachSourceAsGivenAndBlankOnesAsAbsent() {
        ValidateParameters p = new ValidateParameters();
        p.setFile(" deploy/iris.yaml ");
        String text = "  kind: SeldonDeployment\n";
        p.setManifest(text);
        Map<String, Object> resource = new HashMap<>(Map.of("kind", "SeldonDeployment"));
        p.setResource(resource);
        resource.put("apiVersion", "changed later");

        assertEquals("deploy/iris.yaml", p.getFile());
        assertEquals(text, p.getManifest(), "manifest text is YAML: kept as written, indentation included");
        assertEquals(Map.of("kind", "SeldonDeployment"), p.getResource(), "a copy, not the caller's map");

        p.setFile(" ");
        p.setManifest(" \n ");
        p.setResource(Map.of());
        assertNull(p.getFile());
        assertNull(p.getManifest());
        assertNull(p.getResource(), "an empty map gives no resource");

        p.setManifest(null);
        p.setResource(null);
        assertNull(p.getManifest());
        assertNull(p.getResource());
    }

    @Test
    void anyOneSourceIsEnoughAndTheNamespaceMayBeLeftToTheManifests() {
        ValidateParameters file = new ValidateParameters();
        file.setFile("iris.yaml");
        assertDoesNotThrow(() -> file.validate(FieldLabels.PIPELINE));
        assertNull(file.getNamespace());

        ValidateParameters manifest = new ValidateParameters();
        manifest.setManifest("kind: SeldonDeployment");
        assertDoesNotThrow(() -> manifest.validate(FieldLabels.PIPELINE));

        ValidateParameters resource = new ValidateParameters();
        resource.setResource(Map.of("kind", "SeldonDeployment"));
        resource.setNamespace("models");
        assertDoesNotThrow(() -> resource.validate(FieldLabels.PIPELINE));
    }

    @Test
    void noSourceOrSeveralAreRefusedNamingTheFieldsOfTheScreen() {
        ValidateParameters none = new ValidateParameters();
        assertEquals(EXACTLY_ONE, assertThrows(InvalidInputException.class,
                () -> none.validate(FieldLabels.PIPELINE)).getMessage());
        assertEquals("Give the manifest as exactly one of Manifest file or Manifest",
                assertThrows(InvalidInputException.class, () -> none.validate(FORM)).getMessage());

        ValidateParameters two = new ValidateParameters();
        two.setFile("iris.yaml");
        two.setManifest("kind: SeldonDeployment");
        assertEquals(EXACTLY_ONE, assertThrows(InvalidInputException.class,
                () -> two.validate(FieldLabels.PIPELINE)).getMessage());

        ValidateParameters three = new ValidateParameters();
        three.setFile("iris.yaml");
        three.setManifest("kind: SeldonDeployment");
        three.setResource(Map.of("kind", "SeldonDeployment"));
        assertEquals(EXACTLY_ONE, assertThrows(InvalidInputException.class,
                () -> three.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void aNamespaceGivenMustBeAValidName() {
        ValidateParameters p = new ValidateParameters();
        p.setFile("iris.yaml");
        p.setNamespace("Models_1");
        assertEquals("The namespace 'Models_1' is not a valid name: use lower-case letters, digits and '-', starting"
                + " and ending with a letter or digit", assertThrows(InvalidInputException.class,
                        () -> p.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void aCopyHasTheServerNamespaceAndFileExpandedButNotTheManifest() {
        ValidateParameters p = new ValidateParameters();
        p.setServer("${SERVER}");
        p.setNamespace("${NS}");
        p.setFile("${DIR}/iris.yaml");
        p.setManifest("name: ${MODEL}");
        Map<String, String> vars = Map.of("SERVER", "prod", "NS", "staging", "DIR", "deploy", "MODEL", "iris");

        ValidateParameters copy = p.expanded(text -> {
            String out = text;
            for (Map.Entry<String, String> v : vars.entrySet()) {
                out = out == null ? null : out.replace("${" + v.getKey() + "}", v.getValue());
            }
            return out;
        });

        assertNotSame(p, copy);
        assertEquals("prod", copy.getServer());
        assertEquals("staging", copy.getNamespace());
        assertEquals("deploy/iris.yaml", copy.getFile());
        assertEquals("name: ${MODEL}", copy.getManifest());
        assertEquals("${DIR}/iris.yaml", p.getFile(), "the configured value stays as configured");
    }
}

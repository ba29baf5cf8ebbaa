package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;

    @ParameterizedTest
    @ValueSource(strings = {"a", "iris", "iris-model-2", "0", "9lives",
        "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsLabels(String name) throws InvalidInputException {
        assertEquals(name, Names.checkNamespace(name));
        for (ResourceKind kind : ResourceKind.values()) {
            assertEquals(name, Names.checkName(kind, name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Iris", "iris.v2", "-iris", "iris-", "iris_model", "iris model", "irís", "iris/x", "ir\u0000is"})
    void rejectsWhatIsNotALabel(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Names.checkName(SD, name));
        assertEquals("The SeldonDeployment name " + Names.quote(name) + " is not a valid name: use lower-case"
                + " letters, digits and '-', starting and ending with a letter or digit", e.getMessage());
    }

    @Test
    void coreV2NamesMayBeLongerButHaveNoDots() throws InvalidInputException {
        String long253 = "a".repeat(253);
        assertEquals(long253, Names.checkName(ResourceKind.PIPELINE, long253));
        assertEquals("The Model name '" + "a".repeat(80) + "...' is longer than 253 characters (254)",
                assertThrows(InvalidInputException.class, () -> Names.checkName(ResourceKind.MODEL, "a".repeat(254)))
                        .getMessage());
        assertThrows(InvalidInputException.class, () -> Names.checkName(SD, "a".repeat(64)));
        assertEquals("The Pipeline name 'iris.v2' is not a valid name: use lower-case letters, digits and '-',"
                + " starting and ending with a letter or digit (Seldon Core v2 reserves '.' for routing, e.g."
                + " <name>.pipeline)", assertThrows(InvalidInputException.class,
                        () -> Names.checkName(ResourceKind.PIPELINE, "iris.v2")).getMessage());
    }

    @ParameterizedTest
    @EnumSource(ResourceKind.class)
    void rejectsMissingNames(ResourceKind kind) {
        assertEquals("The " + kind.kind() + " name is missing",
                assertThrows(InvalidInputException.class, () -> Names.checkName(kind, "")).getMessage());
        assertThrows(InvalidInputException.class, () -> Names.checkName(kind, null));
    }

    @Test
    void rejectsLongAndMissingNamespaces() {
        String tooLong = "a".repeat(64);
        assertEquals("The namespace '" + "a".repeat(64) + "' is longer than 63 characters (64)",
                assertThrows(InvalidInputException.class, () -> Names.checkNamespace(tooLong)).getMessage());
        assertEquals("The namespace is missing",
                assertThrows(InvalidInputException.class, () -> Names.checkNamespace(null)).getMessage());
    }

    @Test
    void quoteEscapesControlCharactersAndShortens() {
        assertEquals("'a\\u000aFAKE LOG LINE'", Names.quote("a\nFAKE LOG LINE"));
        assertEquals("'" + "x".repeat(80) + "...'", Names.quote("x".repeat(500)));
    }
}

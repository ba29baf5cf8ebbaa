package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "iris", "iris-model-2", "0", "9lives",
        "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsLabels(String name) throws InvalidInputException {
        assertEquals(name, Names.checkName(name));
        assertEquals(name, Names.checkNamespace(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Iris", "iris.v2", "-iris", "iris-", "iris_model", "iris model", "irís", "iris/x", "ir\u0000is"})
    void rejectsWhatIsNotALabel(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Names.checkName(name));
        assertEquals("The deployment name " + Names.quote(name) + " is not a valid Kubernetes name: use lower-case"
                + " letters, digits and '-', starting and ending with a letter or digit", e.getMessage());
    }

    @Test
    void rejectsLongAndMissingNames() {
        String tooLong = "a".repeat(64);
        assertEquals("The namespace '" + "a".repeat(64) + "' is longer than 63 characters (64)",
                assertThrows(InvalidInputException.class, () -> Names.checkNamespace(tooLong)).getMessage());
        assertEquals("The namespace is missing",
                assertThrows(InvalidInputException.class, () -> Names.checkNamespace(null)).getMessage());
        assertEquals("The deployment name is missing",
                assertThrows(InvalidInputException.class, () -> Names.checkName("")).getMessage());
    }

    @Test
    void quoteEscapesControlCharactersAndShortens() {
        assertEquals("'a\\u000aFAKE LOG LINE'", Names.quote("a\nFAKE LOG LINE"));
        assertEquals("'" + "x".repeat(80) + "...'", Names.quote("x".repeat(500)));
    }
}

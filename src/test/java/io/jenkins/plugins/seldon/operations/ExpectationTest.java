package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.seldon.client.Json;
import org.junit.jupiter.api.Test;

/** What an expectation on an answer accepts, refuses and says, without a server ({@link PredictionsTest} has one). */
class ExpectationTest {

    private static String failure(Expectation expectation, JsonNode answer) {
        return assertThrows(OperationFailedException.class, () -> expectation.check(answer, "The answer of x"))
                .getMessage();
    }

    @Test
    void numbersCompareByValueAndNothingElseMatchesANumber() throws Exception {
        Expectation.of("/score", "2").check(Json.object().put("score", 2.0), "x");
        assertEquals("The answer of x does not meet its expectation: value at /score is 0, expected \"zero\"",
                failure(Expectation.of("/score", "zero"), Json.object().put("score", 0)));
        assertEquals("The answer of x does not meet its expectation: value at /score is \"zero\", expected 0",
                failure(Expectation.of("/score", "0"), Json.object().put("score", "zero")));
    }

    @Test
    void noAnswerMeetsNoExpectation() throws Exception {
        assertEquals("The answer of x does not meet its expectation: it has no answer. It answered: nothing",
                failure(Expectation.of("", null), null));
        assertEquals("The answer of x does not meet its expectation: it has no value at /a. It answered: {}",
                failure(Expectation.of("/a", null), Json.object()));
    }

    @Test
    void describedAsTheLogSaysWhatPassed() throws Exception {
        assertEquals("answer is present", Expectation.of("", null).describe());
        assertEquals("value at /a is present", Expectation.of("/a", null).toString());
        assertEquals("value at /a equals [1,2]", Expectation.of("/a", "[1, 2]").toString());
    }

    @Test
    void valuesAreShownUpToTheirLimit() {
        String fits = "x".repeat(298);
        assertEquals("\"" + fits + "\"", Expectation.show(TextNode.valueOf(fits)));
        assertEquals("\"" + fits + "x...", Expectation.show(TextNode.valueOf(fits + "x")));
        assertEquals("nothing", Expectation.show(null));
    }
}

package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.seldon.client.Json;
import java.util.Comparator;
import java.util.Objects;

/**
 * What an answer must hold for a build to go on: a value at a JSON Pointer ({@code /data/ndarray/0}, RFC 6901), and,
 * when given, equal to an expected value. The expected value is JSON when it reads as JSON ({@code 2}, {@code true},
 * {@code "setosa"}, {@code [0, 1]}) and otherwise the text as a string ({@code setosa}); numbers are equal by value
 * ({@code 2} equals {@code 2.0}).
 */
public final class Expectation {

    /** How much of a value a failure shows. */
    private static final int MAX_SHOWN = 300;
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final String pointer;
    private final String equals;

    private Expectation(String pointer, String equals) {
        this.pointer = pointer;
        this.equals = equals;
    }

    /**
     * @param pointer a JSON Pointer, {@code ""} for the whole answer
     * @param equals the expected value, or {@code null} when the value need only exist
     * @throws InvalidInputException when {@code pointer} is not a JSON Pointer
     */
    public static Expectation of(String pointer, String equals) throws InvalidInputException {
        Objects.requireNonNull(pointer, "pointer");
        try {
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'" + pointer + "' is not a JSON Pointer: it must be empty or start with /,"
                    + " e.g. /data/ndarray/0 or /outputs/0/data/0");
        }
        return new Expectation(pointer, equals);
    }

    public String pointer() {
        return pointer;
    }

    /** The expected value as given, or {@code null}. */
    public String equalsValue() {
        return equals;
    }

    /** The expected value as JSON: parsed when it is JSON, else a string. */
    JsonNode expected() {
        JsonNode parsed = Json.parseOrNull(equals);
        return parsed != null ? parsed : TextNode.valueOf(equals);
    }

    /**
     * Checks an answer.
     *
     * @param subject what answered, for the message, e.g. {@code The prediction of SeldonDeployment models/iris}
     * @throws OperationFailedException saying what was expected and what the answer holds
     */
    public void check(JsonNode answer, String subject) throws OperationFailedException {
        JsonNode found = answer == null ? null : answer.at(JsonPointer.compile(pointer));
        if (found == null || found.isMissingNode()) {
            throw new OperationFailedException(subject + " does not meet its expectation: it has no " + where()
                    + ". It answered: " + show(answer));
        }
        if (equals != null && !found.equals(BY_VALUE, expected())) {
            throw new OperationFailedException(subject + " does not meet its expectation: " + where() + " is "
                    + show(found) + ", expected " + show(expected()));
        }
    }

    /** One line saying what passed, for the log. */
    String describe() {
        return equals == null ? where() + " is present" : where() + " equals " + show(expected());
    }

    private String where() {
        return pointer.isEmpty() ? "answer" : "value at " + pointer;
    }

    static String show(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(BY_VALUE, b);
    }

    @Override
    public String toString() {
        return describe();
    }
}

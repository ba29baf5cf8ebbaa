package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where JSON that an operation sends as it is comes from (a prediction's payload, a batch job's definition, a monitor's
 * configuration): a map (Pipeline only), JSON text, or a workspace file; at most one of them is set.
 */
public interface JsonSource {

    /** The map, or null; its field is {@link #mapField()}. */
    Map<String, Object> map();

    /** The field that gives the map, e.g. {@code payload}. */
    String mapField();

    /** JSON text, or null. */
    String getJson();

    /** A workspace-relative path, or null. */
    String getFile();

    /** Whether any of the three is set. */
    default boolean hasJson() {
        return map() != null || getJson() != null || getFile() != null;
    }

    /**
     * Checks that exactly one source is set (at most one when not {@code required}).
     *
     * @param what names the JSON in messages, e.g. {@code the payload}
     */
    static void checkOne(JsonSource source, FieldLabels labels, String what, boolean required)
            throws InvalidInputException {
        int given = (source.map() == null ? 0 : 1) + (source.getJson() == null ? 0 : 1)
                + (source.getFile() == null ? 0 : 1);
        if (given > 1 || (required && given == 0)) {
            List<String> choices = Stream.of(source.mapField(), "json", "file").map(labels::of)
                    .filter(Objects::nonNull).toList();
            throw new InvalidInputException("Give " + what + " as " + (required ? "exactly " : "at most ") + "one of "
                    + String.join(", ", choices.subList(0, choices.size() - 1)) + " or "
                    + choices.get(choices.size() - 1));
        }
    }
}

package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an update changes, in a few readable lines for the build log: one line per changed value, such as
 * {@code spec.predictors[0].replicas: 1 -> 3}, {@code spec.steps[2]: added {"name":"tfidf"}} or
 * {@code metadata.labels.team: removed}. Only {@code spec}, {@code metadata.labels} and {@code metadata.annotations}
 * are compared: what an apply sets.
 *
 * <p>Bounded, so that the log never holds a whole manifest: at most {@value #MAX_LINES} lines (then one saying how many
 * more changes there are), values shortened to {@value #MAX_VALUE} characters. Values that may be secret are never
 * shown: anything under an {@code env} list (container environment variables), and fields whose name suggests a
 * secret (password, token, secret, credential, key...); their lines say only {@code changed}.
 */
public final class SpecDiff {

    static final int MAX_LINES = 10;
    static final int MAX_VALUE = 60;
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|api[-_]?key|private[-_]?key|access[-_]?key).*");
    private static final List<String> COMPARED = List.of("spec", "metadata.labels", "metadata.annotations");

    private SpecDiff() {}

    /** The changes from {@code before} to {@code after}; empty when they agree on everything an apply sets. */
    public static List<String> lines(JsonNode before, JsonNode after) {
        Lines out = new Lines();
        for (String path : COMPARED) {
            String pointer = "/" + path.replace('.', '/');
            diff(path, before.at(pointer), after.at(pointer), false, out);
        }
        return out.result();
    }

    /** The first lines, and how many there were in all. */
    private static final class Lines {
        final List<String> kept = new ArrayList<>();
        int total;

        void add(String line) {
            if (kept.size() < MAX_LINES) {
                kept.add(line);
            }
            total++;
        }

        List<String> result() {
            if (total <= MAX_LINES) {
                return kept;
            }
            List<String> bounded = new ArrayList<>(kept.subList(0, MAX_LINES - 1));
            bounded.add("... and " + (total - MAX_LINES + 1) + " more changes");
            return bounded;
        }
    }

    private static void diff(String path, JsonNode before, JsonNode after, boolean secret, Lines out) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            Set<String> fields = new LinkedHashSet<>();
            after.fieldNames().forEachRemaining(fields::add);
            before.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                diff(path + "." + field, before.path(field), after.path(field),
                        secret || SECRET.matcher(field).matches() || field.equals("env"), out);
            }
            return;
        }
        if (before.isArray() && after.isArray()) {
            int n = Math.max(before.size(), after.size());
            for (int i = 0; i < n; i++) {
                diff(path + "[" + i + "]", before.path(i), after.path(i), secret, out);
            }
            return;
        }
        if (before.isMissingNode()) {
            out.add(path + ": added" + (secret ? "" : " " + show(after)));
        } else if (after.isMissingNode()) {
            out.add(path + ": removed");
        } else {
            out.add(path + (secret ? ": changed" : ": " + show(before) + " -> " + show(after)));
        }
    }

    private static String show(JsonNode value) {
        String text;
        try {
            text = Json.write(value);
        } catch (JsonProcessingException e) {
            text = value.getNodeType().toString();
        }
        text = Readiness.clean(text);
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE) + "...";
    }
}

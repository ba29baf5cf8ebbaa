package io.jenkins.plugins.seldon.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector, applied by the plugin to the items of a list as they arrive, since the Seldon API's
 * lists take no selector. The syntax and meaning are kubectl's: requirements separated by commas, all of which must
 * hold: {@code key=value} (or {@code ==}), {@code key!=value} (also true without the label), {@code key in (a, b)},
 * {@code key notin (a, b)} (also true without the label), {@code key} (has the label), {@code !key} (has not).
 */
public final class LabelSelector {

    private enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

    private record Requirement(String key, Op op, Set<String> values) {
        boolean matches(Map<?, ?> labels) {
            Object v = labels.get(key);
            String value = v == null ? null : String.valueOf(v);
            return switch (op) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> labels.containsKey(key);
                case NOT_EXISTS -> !labels.containsKey(key);
            };
        }
    }

    // A label key: an optional DNS prefix and '/', then a name; a value: a name or empty.
    private static final String KEY = "(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?";
    private static final String VALUE = "(?:[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
    private static final Pattern SET = Pattern.compile("\\s*(" + KEY + ")\\s+(in|notin)\\s*\\(([^()]*)\\)\\s*");
    private static final Pattern COMPARE = Pattern.compile("\\s*(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")\\s*");
    private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*(" + KEY + ")\\s*");
    private static final Pattern VALUE_ONLY = Pattern.compile(VALUE);

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = requirements;
    }

    /**
     * Parses a selector.
     *
     * @throws IllegalArgumentException when it is not one, saying which part
     */
    public static LabelSelector parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        for (String part : split(selector)) {
            Matcher m;
            if ((m = SET.matcher(part)).matches()) {
                List<String> values = new ArrayList<>();
                for (String v : m.group(5).split(",", -1)) {
                    if (!VALUE_ONLY.matcher(v.strip()).matches()) {
                        throw invalid(part);
                    }
                    values.add(v.strip());
                }
                requirements.add(new Requirement(m.group(1), m.group(4).equals("in") ? Op.IN : Op.NOT_IN,
                        Set.copyOf(values)));
            } else if ((m = COMPARE.matcher(part)).matches()) {
                requirements.add(new Requirement(m.group(1), m.group(4).equals("!=") ? Op.NOT_EQUALS : Op.EQUALS,
                        Set.of(m.group(5))));
            } else if ((m = EXISTS.matcher(part)).matches()) {
                requirements.add(new Requirement(m.group(2), m.group(1).isEmpty() ? Op.EXISTS : Op.NOT_EXISTS,
                        Set.of()));
            } else {
                throw invalid(part);
            }
        }
        return new LabelSelector(selector.strip(), List.copyOf(requirements));
    }

    /** Whether a resource with these labels (a plain map; {@code null} for none) is selected. */
    public boolean matches(Map<?, ?> labels) {
        Map<?, ?> l = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(l));
    }

    /** The requirements, split at the commas outside parentheses. */
    private static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }

    private static IllegalArgumentException invalid(String part) {
        return new IllegalArgumentException("'" + part.strip() + "' is not a label selector requirement such as "
                + "app=iris, tier!=test, env in (staging, prod), canary or !canary");
    }

    @Override
    public String toString() {
        return text;
    }
}

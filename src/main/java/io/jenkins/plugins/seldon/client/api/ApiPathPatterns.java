package io.jenkins.plugins.seldon.client.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which calls of any path an administrator allows on a server: one pattern per line, {@code [METHOD] /path/glob},
 * e.g. {@code GET /namespaces/*}{@code /seldondeployments/**}. Globs work per segment: {@code *} stands for one whole
 * segment or, within a segment, for any characters of it ({@code iris-*}); {@code **}, a segment of its own, for any
 * number of segments, none included. A pattern without a method allows every method. Lines starting with {@code #}
 * and blank lines are ignored. No pattern at all allows every path.
 */
public final class ApiPathPatterns {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    /** One line: the method it is limited to, or null for any, and its segments' patterns. */
    private record Rule(String method, List<Segment> segments, String text) {}

    /** A segment pattern: {@code **}, or a regular expression for one segment. */
    private record Segment(boolean any, Pattern pattern) {}

    private final List<Rule> rules;

    private ApiPathPatterns(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * @param text the administrator's lines, or null for none
     * @throws IllegalArgumentException naming the first line that is not a pattern
     */
    public static ApiPathPatterns parse(String text) {
        List<Rule> rules = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    rules.add(rule(l));
                }
            }
        }
        return new ApiPathPatterns(rules);
    }

    private static Rule rule(String line) {
        String[] parts = line.split("\\s+");
        if (parts.length > 2) {
            throw new IllegalArgumentException("Not a path pattern: '" + line + "'; write [METHOD] /path, e.g. "
                    + "GET /namespaces/*/seldondeployments/**");
        }
        String method = parts.length == 2 ? parts[0].toUpperCase(Locale.ROOT) : null;
        if (method != null && !METHODS.contains(method)) {
            throw new IllegalArgumentException("Unknown method '" + parts[0] + "' in '" + line + "'; use GET, POST, PUT"
                    + " or DELETE, or none for any");
        }
        String path = parts[parts.length - 1];
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("The path of '" + line + "' must start with /");
        }
        List<Segment> segments = new ArrayList<>();
        for (String s : path.substring(1).split("/", -1)) {
            if (s.isEmpty()) {
                if (path.equals("/")) {
                    break;
                }
                throw new IllegalArgumentException("The path of '" + line + "' has an empty segment");
            }
            if (s.equals("**")) {
                // Consecutive ones mean the same as one, and would only multiply the ways to match.
                if (segments.isEmpty() || !segments.get(segments.size() - 1).any()) {
                    segments.add(new Segment(true, null));
                }
            } else if (s.contains("**")) {
                throw new IllegalArgumentException("In '" + line + "', ** must be a segment of its own");
            } else {
                StringBuilder re = new StringBuilder();
                for (String literal : s.split("\\*", -1)) {
                    if (re.length() > 0) {
                        re.append(".*");
                    }
                    re.append(Pattern.quote(literal));
                }
                segments.add(new Segment(false, Pattern.compile(re.toString(), Pattern.DOTALL)));
            }
        }
        return new Rule(method, segments, line);
    }

    /** Whether no pattern was given, which allows every path. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Whether a call of {@code method} on {@code path} is allowed: no patterns, or one that matches. */
    public boolean allows(String method, ApiPath path) {
        if (rules.isEmpty()) {
            return true;
        }
        for (Rule r : rules) {
            if ((r.method() == null || r.method().equals(method)) && matches(r.segments(), 0, path.segments(), 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<Segment> pattern, int p, List<String> path, int s) {
        if (p == pattern.size()) {
            return s == path.size();
        }
        Segment segment = pattern.get(p);
        if (segment.any()) {
            for (int next = s; next <= path.size(); next++) {
                if (matches(pattern, p + 1, path, next)) {
                    return true;
                }
            }
            return false;
        }
        return s < path.size() && segment.pattern().matcher(path.get(s)).matches()
                && matches(pattern, p + 1, path, s + 1);
    }

    /** The patterns, one per line, as given (comments and blank lines left out). */
    @Override
    public String toString() {
        return String.join("\n", rules.stream().map(Rule::text).toList());
    }
}

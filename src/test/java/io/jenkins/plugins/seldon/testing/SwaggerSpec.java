package io.jenkins.plugins.seldon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The API's published Swagger 2.0 description, read for contract tests (operations and their parameters only). */
public final class SwaggerSpec {

    /** The system property both builds set to the description's location (it is not part of the repository). */
    public static final String PROPERTY = "seldon.swagger";

    private final JsonNode root;

    private SwaggerSpec(JsonNode root) {
        this.root = root;
    }

    public static SwaggerSpec load(Path file) throws IOException {
        return new SwaggerSpec(new YAMLMapper().readTree(file.toFile()));
    }

    public String basePath() {
        return root.path("basePath").asText();
    }

    /** The operation for {@code method} (any case) on exactly this path template, if the spec has one. */
    public Optional<JsonNode> operation(String method, String pathTemplate) {
        JsonNode op = root.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        return op.isObject() ? Optional.of(op) : Optional.empty();
    }

    /** Names of the operation's parameters located {@code in} ({@code path}, {@code query}, ...). */
    public static Set<String> parameters(JsonNode operation, String in, boolean requiredOnly) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode p : operation.path("parameters")) {
            if (in.equals(p.path("in").asText()) && (!requiredOnly || p.path("required").asBoolean())) {
                names.add(p.path("name").asText());
            }
        }
        return names;
    }

    /**
     * The path template of the spec operation that a concrete raw request path (relative to the base path) is
     * routed to, preferring literal segments over parameters as routers do; empty when no operation matches.
     */
    public Optional<String> route(String method, String relativeRawPath) {
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = root.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            if (operation(method, template).isPresent() && templatePattern(template).matcher(relativeRawPath).matches()) {
                int literals = template.replaceAll("\\{[^}]+}", "").length();
                if (literals > bestLiterals) {
                    best = template;
                    bestLiterals = literals;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** A regular expression matching concrete paths of {@code template}: each {@code {param}} is one segment. */
    public static Pattern templatePattern(String template) {
        StringBuilder re = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=})")) {
            re.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}

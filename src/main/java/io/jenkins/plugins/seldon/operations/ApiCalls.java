package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.api.ApiPath;
import io.jenkins.plugins.seldon.client.api.ApiPathPatterns;
import io.jenkins.plugins.seldon.client.api.Endpoint;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Calls of any path below the API base URL, for what the named steps do not cover. Before anything is sent, the path
 * must stay below the base URL ({@link ApiPath}) and the server's allowlist must allow it ({@link ApiPathPatterns});
 * a write to a resource sends the build's audit metadata as the named steps do. The log shows the method, the path and
 * the names of the query parameters, never values or bodies, which may hold secrets.
 */
public final class ApiCalls {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    private final SeldonClient client;
    private final LogSink log;
    private final ApiPathPatterns allowed;
    private final String auditMessage;

    /**
     * @param allowed what the server's administrator allows; no patterns allow every path
     * @param auditMessage the {@code message} of writes to resources, e.g. from {@link AuditMessages#message}
     */
    public ApiCalls(SeldonClient client, LogSink log, ApiPathPatterns allowed, String auditMessage) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.auditMessage = auditMessage;
    }

    /**
     * Checks a call without sending it.
     *
     * @return the checked path
     * @throws InvalidInputException for a method other than GET, POST, PUT and DELETE, a path that would leave the
     *     base URL, or one the allowlist does not allow
     */
    public ApiPath check(String method, String path) throws InvalidInputException {
        if (!METHODS.contains(method)) {
            throw new InvalidInputException("The method must be GET, POST, PUT or DELETE, not " + method);
        }
        ApiPath checked;
        try {
            checked = ApiPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (!allowed.allows(method, checked)) {
            throw new InvalidInputException("The server's administrator does not allow " + method + " " + checked
                    + " through seldonApi; allowed are:\n  " + allowed.toString().replace("\n", "\n  "));
        }
        return checked;
    }

    /**
     * Sends the call.
     *
     * @param method GET, POST, PUT or DELETE, in any case
     * @param query each parameter's value: text, a number, a boolean, or a list of them for a repeated parameter
     * @param body the JSON body, or {@code null}
     * @return the answer (a {@code NullNode} when it is empty)
     */
    public JsonNode call(String method, String path, Map<String, ?> query, JsonNode body)
            throws IOException, InterruptedException {
        String m = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
        ApiPath checked = check(m, path);
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : query.entrySet()) {
            values.put(e.getKey(), values(e.getKey(), e.getValue()));
        }
        Endpoint endpoint = Endpoint.matching(m, checked.segments()).orElse(null);
        WriteAudit audit = new WriteAudit(action(endpoint), auditMessage);
        log.info("API call " + m + " " + checked + (values.isEmpty() ? "" : " with query parameters "
                + String.join(", ", values.keySet())) + (body == null ? "" : " and a body"));
        JsonNode answer = client.call(m, checked, values, body, audit);
        log.info("API call " + m + " " + checked + " succeeded");
        return answer;
    }

    /**
     * The audit action of a write to a resource, e.g. {@code Deployment updated}; else a generic one. (Every endpoint
     * with a verb has a kind.)
     */
    private static String action(Endpoint endpoint) {
        if (endpoint != null && endpoint.verb() != null) {
            switch (endpoint.verb()) {
                case CREATE:
                    return AuditMessages.action(endpoint.kind(), Change.Action.CREATED);
                case UPDATE:
                    return AuditMessages.action(endpoint.kind(), Change.Action.UPDATED);
                case DELETE:
                    return AuditMessages.action(endpoint.kind(), Change.Action.DELETED);
                case GIT_REVERT:
                    return AuditMessages.action(endpoint.kind(), Change.Action.REVERTED);
                case GIT_RESTORE:
                    return AuditMessages.action(endpoint.kind(), Change.Action.RESTORED);
                default:
                    break;
            }
        }
        return "API call";
    }

    private static List<String> values(String name, Object value) throws InvalidInputException {
        List<String> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object v : list) {
                values.add(scalar(name, v));
            }
        } else {
            values.add(scalar(name, value));
        }
        return values;
    }

    private static String scalar(String name, Object value) throws InvalidInputException {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new InvalidInputException("The query parameter " + name + " must be text, a number, a boolean or a list"
                + " of them, not " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}

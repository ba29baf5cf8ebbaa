package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Call any path below the API base URL: the method, the path, query parameters (a map, Pipeline only), and a JSON
 * body given as a map or as JSON text; the audit message sent with writes to resources.
 */
public final class ApiParameters extends OperationParameters {

    private static final long serialVersionUID = 1L;

    private String method;
    private String path;
    private LinkedHashMap<String, Object> query = new LinkedHashMap<>();
    private LinkedHashMap<String, Object> body;
    private String json;
    private String message;

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = text(method);
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = text(path);
    }

    public Map<String, Object> getQuery() {
        return query;
    }

    public void setQuery(Map<String, Object> query) {
        this.query = query == null ? new LinkedHashMap<>() : new LinkedHashMap<>(query);
    }

    /** The body as a map. */
    public Map<String, Object> getBody() {
        return body;
    }

    public void setBody(Map<String, Object> body) {
        this.body = body == null ? null : new LinkedHashMap<>(body);
    }

    /** The body as JSON text, e.g. for one that is not an object. */
    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json == null || json.isBlank() ? null : json;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = text(message);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        if (method == null) {
            throw new InvalidInputException("Give the method as " + labels.of("method")
                    + ", one of GET, POST, PUT or DELETE");
        }
        if (path == null) {
            throw new InvalidInputException("Give the path as " + labels.of("path") + ", below the API base URL, e.g."
                    + " /namespaces/models/seldondeployments");
        }
        if (body != null && json != null) {
            throw new InvalidInputException("Give the body as " + labels.of("body") + " or " + labels.of("json")
                    + ", not both");
        }
    }
}

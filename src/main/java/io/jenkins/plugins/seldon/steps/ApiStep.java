package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.operations.parameters.ApiParameters;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonApi(method: 'GET', path: '/namespaces/models/seldondeployments/iris/resources')}: calls any path below
 * the API base URL, for what the named steps do not cover, with their credentials, TLS settings, retries, error
 * reports and, for writes to resources, audit message. Only on servers whose administrator allows it, optionally for
 * some paths only, and with the server's own principal only where jobs may receive its tokens. Paths that would leave
 * the base path are refused before any call. Returns the answer as plain values; never logs bodies or query values.
 */
public final class ApiStep extends SeldonStep<ApiParameters> {

    @DataBoundConstructor
    public ApiStep(String method, String path) {
        super(new ApiParameters());
        parameters().setMethod(method);
        parameters().setPath(path);
    }

    public String getMethod() {
        return parameters().getMethod();
    }

    public String getPath() {
        return parameters().getPath();
    }

    @CheckForNull
    public Map<String, Object> getQuery() {
        return parameters().getQuery().isEmpty() ? null : parameters().getQuery();
    }

    @DataBoundSetter
    public void setQuery(Map<String, Object> query) {
        parameters().setQuery(query);
    }

    @CheckForNull
    public Map<String, Object> getBody() {
        return parameters().getBody();
    }

    @DataBoundSetter
    public void setBody(Map<String, Object> body) {
        parameters().setBody(body);
    }

    @CheckForNull
    public String getJson() {
        return parameters().getJson();
    }

    @DataBoundSetter
    public void setJson(String json) {
        parameters().setJson(json);
    }

    @CheckForNull
    public String getMessage() {
        return parameters().getMessage();
    }

    @DataBoundSetter
    public void setMessage(String message) {
        parameters().setMessage(message);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new OperationExecution<ApiParameters, Object>(context, parameters(), SeldonServer.Purpose.API_CALL,
                (p, session, ctx) -> session.api(p));
    }

    /**
     * The method and path, never the body or the query, which may hold secrets; nor what follows a {@code ?} or
     * {@code #} in a path, which is refused when the step runs but would be shown by then.
     */
    static String label(Map<String, ?> namedArgs) {
        Object method = namedArgs.get("method");
        Object path = namedArgs.get("path");
        if (path == null) {
            return null;
        }
        String p = path.toString();
        int q = p.indexOf('?');
        int h = p.indexOf('#');
        int cut = q < 0 ? h : h < 0 ? q : Math.min(q, h);
        String shown = cut < 0 ? p : p.substring(0, cut + 1) + "...";
        return (method == null ? "" : method + " ") + shown;
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonApi";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ApiStep_displayName();
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return label(namedArgs);
        }

        @POST
        public ListBoxModel doFillMethodItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (OperationForms.mayRead(item)) {
                for (String m : List.of("GET", "POST", "PUT", "DELETE")) {
                    model.add(m, m);
                }
            }
            return model;
        }
    }
}

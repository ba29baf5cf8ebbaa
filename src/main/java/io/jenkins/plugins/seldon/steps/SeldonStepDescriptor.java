package io.jenkins.plugins.seldon.steps;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form methods and labels of the Seldon steps; the logic is shared with the build steps' forms. */
public abstract class SeldonStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    /** Shows only where the step acts, never manifests, maps or messages. */
    @Override
    public String argumentsToString(Map<String, Object> namedArgs) {
        return label(namedArgs);
    }

    static String label(Map<String, ?> namedArgs) {
        return label(namedArgs, List.of("namespace", "name"));
    }

    /** The values of {@code keys} that are given, joined by slashes; null when none is. */
    static String label(Map<String, ?> namedArgs, List<String> keys) {
        StringJoiner j = new StringJoiner("/");
        for (String key : keys) {
            Object v = namedArgs.get(key);
            if (v instanceof CharSequence s && !s.toString().isBlank()) {
                j.add(s.toString());
            }
        }
        return j.length() == 0 ? null : j.toString();
    }

    @POST
    public ListBoxModel doFillServerItems(@AncestorInPath Item item, @QueryParameter String server) {
        return OperationForms.serverItems(item, server);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
            @QueryParameter String server) {
        return OperationForms.credentialItems(item, credentialsId, server);
    }

    @POST
    public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
            @QueryParameter String server) {
        return OperationForms.checkCredentials(item, value, server);
    }

    @POST
    public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
        return OperationForms.checkNamespace(item, value);
    }

    @POST
    public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
        return OperationForms.checkName(item, value, kind());
    }

    @POST
    public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return OperationForms.checkSeconds(item, value);
    }

    @POST
    public FormValidation doCheckPollInterval(@AncestorInPath Item item, @QueryParameter String value) {
        return OperationForms.checkSeconds(item, value);
    }

    @POST
    public FormValidation doCheckPipeline(@AncestorInPath Item item, @QueryParameter String value) {
        return OperationForms.checkName(item, value, ResourceKind.PIPELINE);
    }

    /** The kind whose naming rules the name field follows. */
    protected ResourceKind kind() {
        return ResourceKind.SELDON_DEPLOYMENT;
    }
}

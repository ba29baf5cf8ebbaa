package io.jenkins.plugins.seldon.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import io.jenkins.plugins.seldon.operations.Manifests;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonApplyDeployment(namespace: 'ns', file: 'sdep.yaml')} (or {@code manifest:} text, or {@code deployment:}
 * a map, Pipeline only): creates the SeldonDeployment or replaces the existing one's spec, after checking it locally.
 * Returns the resource as the API answered. The workspace file is read through the workspace API; the API call runs
 * on the controller.
 */
public final class ApplyDeploymentStep extends SeldonStep {

    private final String namespace;
    private String file;
    private String manifest;
    private Map<String, Object> deployment;
    private String message;

    @DataBoundConstructor
    public ApplyDeploymentStep(String namespace) {
        this.namespace = namespace;
    }

    public String getNamespace() {
        return namespace;
    }

    @CheckForNull
    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    @CheckForNull
    public String getManifest() {
        return manifest;
    }

    @DataBoundSetter
    public void setManifest(String manifest) {
        this.manifest = Util.fixEmpty(manifest);
    }

    /** Pipeline only: the resource as a map (Groovy strings and JSON nulls are converted before Jackson sees them). */
    @CheckForNull
    public Map<String, Object> getDeployment() {
        return deployment;
    }

    @DataBoundSetter
    public void setDeployment(Map<String, Object> deployment) {
        this.deployment = deployment == null || deployment.isEmpty() ? null : deployment;
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution<Map<String, Object>>(this, context, (calls, ctx) -> {
            ObjectNode resource;
            String source;
            if (deployment != null) {
                if (file != null || manifest != null) {
                    throw new AbortException("Give the SeldonDeployment as exactly one of file:, manifest: or deployment:");
                }
                source = "deployment:";
                resource = Manifests.fromMap(deployment, source);
            } else {
                source = file != null ? file : "manifest:";
                resource = SeldonCalls.readManifest(file, manifest, ctx.get(FilePath.class));
            }
            return calls.apply(namespace, resource, source, message);
        });
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonApplyDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Create or update a Seldon deployment";
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.seldon.operations.parameters.ApplyParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonApplyDeployment(namespace: 'ns', file: 'sdep.yaml')} (or {@code manifest:} text, or {@code resource:}
 * a map): creates the SeldonDeployment or replaces the existing one's spec, after checking it locally. Returns the
 * resource as the API answered. A workspace file is read through the workspace API; the API call runs on the
 * controller.
 */
public final class ApplyDeploymentStep extends NamespaceStep<ApplyParameters> {

    @DataBoundConstructor
    public ApplyDeploymentStep(String namespace) {
        super(new ApplyParameters(), namespace);
    }

    @CheckForNull
    public String getFile() {
        return parameters().getFile();
    }

    @DataBoundSetter
    public void setFile(String file) {
        parameters().setFile(file);
    }

    @CheckForNull
    public String getManifest() {
        return parameters().getManifest();
    }

    @DataBoundSetter
    public void setManifest(String manifest) {
        parameters().setManifest(manifest);
    }

    /** The resource as a map, e.g. built in the Pipeline or read with {@code readYaml}. */
    @CheckForNull
    public Map<String, Object> getResource() {
        return parameters().getResource();
    }

    @DataBoundSetter
    public void setResource(Map<String, Object> resource) {
        parameters().setResource(resource);
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
        return new OperationExecution<ApplyParameters, Map<String, Object>>(context, parameters(), (p, session, ctx) -> {
            FilePath workspace = ctx.get(FilePath.class);
            if (p.getFile() != null && workspace == null) {
                throw new AbortException(Messages.ApplyDeploymentStep_fileNeedsWorkspace());
            }
            return session.apply(p, workspace);
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
            return Messages.ApplyDeploymentStep_displayName();
        }
    }
}

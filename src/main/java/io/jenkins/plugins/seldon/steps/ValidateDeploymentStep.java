package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.ValidateParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonValidateDeployment(file: 'iris.yaml')} (or {@code manifest:}, or {@code resource:}): has the server
 * validate SeldonDeployment manifests before they are applied, after the checks every apply makes. Nothing is
 * applied. Fails with the server's reason for the first manifest it refuses; returns a map for one document, a list
 * for several. The API takes the manifest as the body of a GET, sent with the JDK's HTTP client: it cannot skip TLS
 * verification for one server, nor send Basic proxy credentials through HTTPS tunnels by default, and the step fails
 * saying so in those configurations.
 */
public final class ValidateDeploymentStep extends SeldonStep<ValidateParameters> {

    @DataBoundConstructor
    public ValidateDeploymentStep() {
        super(new ValidateParameters());
    }

    /** Null to take each manifest's {@code metadata.namespace}. */
    @CheckForNull
    public String getNamespace() {
        return parameters().getNamespace();
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        parameters().setNamespace(namespace);
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

    @CheckForNull
    public Map<String, Object> getResource() {
        return parameters().getResource();
    }

    @DataBoundSetter
    public void setResource(Map<String, Object> resource) {
        parameters().setResource(resource);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            parameters().validate(FieldLabels.PIPELINE);
        } catch (InvalidInputException e) {
            throw Failures.abort(e);
        }
        if (parameters().getFile() != null && context.get(FilePath.class) == null) {
            throw new AbortException(Messages.fileNeedsWorkspace());
        }
        return new OperationExecution<ValidateParameters, Object>(context, parameters(),
                (p, session, ctx) -> session.validate(p, ctx.get(FilePath.class)));
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonValidateDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ValidateDeploymentStep_displayName();
        }

        /** Optional: empty takes each manifest's own. */
        @POST
        @Override
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalNamespace(item, value);
        }
    }
}

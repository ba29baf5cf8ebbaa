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
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.ResourceOperations;
import io.jenkins.plugins.seldon.operations.parameters.ApplyParameters;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code seldonApply(file: 'release.yaml')} (or {@code manifest:} text, or {@code resource:} a map): creates or
 * updates SeldonDeployments, Pipelines, Models and Experiments, the kind taken from each manifest. Every document is
 * checked before anything is sent, then they are applied in order; a document that changes nothing is not sent. With
 * {@code dryRun: true} nothing changes and the differences are logged; with {@code wait: true} the step waits until
 * everything applied is ready. Returns a map for one document, a list for several.
 */
public final class ApplyStep extends SeldonStep<ApplyParameters> {

    @DataBoundConstructor
    public ApplyStep() {
        super(new ApplyParameters());
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

    /** One resource as a map, e.g. built in the Pipeline or read with {@code readYaml}. */
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

    public boolean isDryRun() {
        return parameters().isDryRun();
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        parameters().setDryRun(dryRun);
    }

    public boolean isWait() {
        return parameters().isWait();
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        parameters().setWait(wait);
    }

    /** Seconds, for {@code wait: true}. */
    public int getTimeout() {
        return parameters().getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        parameters().setTimeout(timeout);
    }

    /** Seconds between polls, for {@code wait: true}. */
    public int getPollInterval() {
        return parameters().getPollInterval();
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        parameters().setPollInterval(pollInterval);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        ApplyParameters p = parameters();
        try {
            p.validate(FieldLabels.PIPELINE);
        } catch (InvalidInputException e) {
            throw Failures.abort(e);
        }
        if (p.getFile() != null && context.get(FilePath.class) == null) {
            throw new AbortException(Messages.fileNeedsWorkspace());
        }
        Target target = Target.of(p, context);
        if (p.isWait()) {
            return WaitExecution.forApply(context, target.server(), target.credentialsId(), p);
        }
        return new OperationExecution<ApplyParameters, Object>(context, p, (params, session, ctx) ->
                result(session.apply(params, ctx.get(FilePath.class), UnaryOperator.identity()), params.isDryRun()));
    }

    /** The resources as the API answered, or in a dry run what would change: a map for one, a list for several. */
    private static Object result(List<ResourceOperations.ApplyResult> results, boolean dryRun) {
        List<Object> values = new ArrayList<>();
        for (ResourceOperations.ApplyResult r : results) {
            values.add(dryRun ? r.change().toMap() : PlainJson.toPlain(r.resource()));
        }
        return values.size() == 1 ? values.get(0) : values;
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonApply";
        }

        /** Optional: empty takes each manifest's own. */
        @POST
        @Override
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalNamespace(item, value);
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ApplyStep_displayName();
        }
    }
}

package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.Change;
import io.jenkins.plugins.seldon.operations.ResourceOperations;
import io.jenkins.plugins.seldon.operations.ResourceWait;
import io.jenkins.plugins.seldon.operations.parameters.ApplyParameters;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Creates or updates resources of any kind from a workspace file or inline YAML/JSON, one or more documents; optionally
 * with build variables expanded in the manifest, as a dry run, or waiting until everything applied is ready.
 */
public final class SeldonApplyBuilder extends OperationBuilder<ApplyParameters> {

    @DataBoundConstructor
    public SeldonApplyBuilder() {
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

    public boolean isExpandVariables() {
        return parameters().isExpandVariables();
    }

    @DataBoundSetter
    public void setExpandVariables(boolean expandVariables) {
        parameters().setExpandVariables(expandVariables);
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

    public int getTimeout() {
        return parameters().getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        parameters().setTimeout(timeout);
    }

    public int getPollInterval() {
        return parameters().getPollInterval();
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        parameters().setPollInterval(pollInterval);
    }

    @Override
    protected void perform(ApplyParameters p, SeldonSession session, FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        List<ResourceOperations.ApplyResult> results = session.apply(p, workspace,
                p.isExpandVariables() ? env::expand : UnaryOperator.identity());
        if (p.isWait()) {
            // One deadline for everything applied, waited for in order.
            Instant deadline = Instant.now().plus(p.timeout());
            ResourceWait wait = new ResourceWait(session.client(), session.log(), Clock.systemUTC());
            for (ResourceOperations.ApplyResult r : results) {
                Change c = r.change();
                String address = c.kind() == ResourceKind.EXPERIMENT ? c.pipeline() : c.name();
                wait.run(c.kind(), c.namespace(), address, java.time.Duration.between(Instant.now(), deadline),
                        p.pollInterval(), session.lastWrite(c.kind(), c.namespace(), address));
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonApplyBuilder_displayName();
        }

        /** Optional: empty takes each manifest's own. */
        @POST
        @Override
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return OperationForms.checkOptionalNamespace(item, value);
        }
    }
}

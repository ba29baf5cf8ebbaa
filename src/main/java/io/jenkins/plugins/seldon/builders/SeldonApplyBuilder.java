package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.parameters.ApplyParameters;
import java.io.IOException;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Creates or updates a SeldonDeployment from a workspace file or inline YAML/JSON. */
public final class SeldonApplyBuilder extends NamespaceBuilder<ApplyParameters> {

    @DataBoundConstructor
    public SeldonApplyBuilder(String namespace) {
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

    @CheckForNull
    public String getMessage() {
        return parameters().getMessage();
    }

    @DataBoundSetter
    public void setMessage(String message) {
        parameters().setMessage(message);
    }

    @Override
    protected void perform(ApplyParameters p, SeldonSession session, FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        session.apply(p, workspace);
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonApplyBuilder_displayName();
        }
    }
}

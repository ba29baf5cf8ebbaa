package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.parameters.DeleteParameters;
import java.io.IOException;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Deletes a SeldonDeployment. */
public final class SeldonDeleteBuilder extends ResourceBuilder<DeleteParameters> {

    @DataBoundConstructor
    public SeldonDeleteBuilder(String namespace, String name) {
        super(new DeleteParameters(), namespace, name);
    }

    public boolean isAllowMissing() {
        return parameters().isAllowMissing();
    }

    @DataBoundSetter
    public void setAllowMissing(boolean allowMissing) {
        parameters().setAllowMissing(allowMissing);
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
    protected void perform(DeleteParameters p, SeldonSession session, FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        session.delete(p);
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonDeleteBuilder_displayName();
        }
    }
}

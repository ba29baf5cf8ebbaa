package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.ResourceWait;
import io.jenkins.plugins.seldon.operations.parameters.WaitParameters;
import java.io.IOException;
import java.time.Clock;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Waits until a resource of any kind is ready. A freestyle build holds its executor anyway, so this polls in a loop
 * with the same readiness rules as the Pipeline steps; aborting the build interrupts it.
 */
public final class SeldonWaitBuilder extends ResourceBuilder<WaitParameters> {

    @DataBoundConstructor
    public SeldonWaitBuilder(String namespace, String name) {
        super(new WaitParameters(), namespace, name);
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
    protected void perform(WaitParameters p, SeldonSession session, FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        new ResourceWait(session.client(), session.log(), Clock.systemUTC()).run(p.getKind(), p.getNamespace(),
                p.getName(), p.timeout(), p.pollInterval(), session.lastWrite(p.getKind(), p.getNamespace(), p.getName()));
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonWaitBuilder_displayName();
        }
    }
}

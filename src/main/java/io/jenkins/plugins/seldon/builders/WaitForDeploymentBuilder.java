package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.ResourceWait;
import io.jenkins.plugins.seldon.steps.SeldonCalls;
import io.jenkins.plugins.seldon.steps.WaitForDeploymentStep;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Waits until a SeldonDeployment is Available. A freestyle build holds its executor anyway, so this polls in a loop
 * (the same readiness evaluation as the Pipeline step); aborting the build interrupts it.
 */
public final class WaitForDeploymentBuilder extends DeploymentBuilder {

    private int timeout = WaitForDeploymentStep.DEFAULT_TIMEOUT_SECONDS;
    private int pollInterval = WaitForDeploymentStep.DEFAULT_POLL_INTERVAL_SECONDS;

    @DataBoundConstructor
    public WaitForDeploymentBuilder(String namespace, String name) {
        super(namespace, name);
    }

    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        if (timeout < 1) {
            throw new IllegalArgumentException("The timeout must be at least 1 second");
        }
        this.timeout = timeout;
    }

    public int getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        if (pollInterval < 1) {
            throw new IllegalArgumentException("The poll interval must be at least 1 second");
        }
        this.pollInterval = pollInterval;
    }

    /** Only talks to the API, so in Pipeline it also runs outside {@code node}. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    protected void perform(SeldonCalls calls, FilePath workspace, EnvVars env) throws IOException, InterruptedException {
        String ns = env.expand(getNamespace());
        String n = env.expand(getName());
        new ResourceWait(calls.client(), calls.log(), Clock.systemUTC())
                .run(ResourceKind.SELDON_DEPLOYMENT, ns, n, Duration.ofSeconds(timeout),
                        Duration.ofSeconds(pollInterval), calls.lastWrite(ns, n));
    }

    @Extension
    @Symbol("seldonWait")
    public static final class DescriptorImpl extends DeploymentBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Seldon: wait until a deployment is available";
        }

    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What every Seldon step takes: the server ({@code server:}, default: the enclosing {@code withSeldon} block's server,
 * else the only configured one) and an optional {@code credentialsId:} looked up in the build's context (so folder
 * credentials work) that replaces the server's own credential.
 */
public abstract class SeldonStep extends Step {

    private String server;
    private String credentialsId;

    @CheckForNull
    public String getServer() {
        return server;
    }

    @DataBoundSetter
    public void setServer(String server) {
        this.server = Util.fixEmptyAndTrim(server);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** The server and credentials a step uses: its own, else those of the enclosing {@code withSeldon} block. */
    record Target(@CheckForNull String server, @CheckForNull String credentialsId) {}

    Target target(StepContext context) throws IOException, InterruptedException {
        WithSeldonStep.Defaults defaults = context.get(WithSeldonStep.Defaults.class);
        if (defaults != null && (server == null || server.equals(defaults.getServer()))) {
            return new Target(defaults.getServer(), credentialsId != null ? credentialsId : defaults.getCredentialsId());
        }
        return new Target(server, credentialsId);
    }

    /** Connects as this step asks, falling back to the enclosing {@code withSeldon} block's choices. */
    SeldonCalls connect(StepContext context) throws IOException, InterruptedException {
        Target target = target(context);
        return SeldonCalls.connect(target.server(), target.credentialsId(), context.get(Run.class),
                context.get(TaskListener.class));
    }

    /** One API call from a Pipeline step. */
    @FunctionalInterface
    interface Call<T> {
        T call(SeldonCalls calls, StepContext context) throws Exception;
    }

    /**
     * Runs the call off the CPS thread; the short calls are not resumable across a restart (the step fails and can be
     * retried).
     */
    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "Not resumable: after a restart the execution fails instead of running the call")
    static final class Execution<T> extends SynchronousNonBlockingStepExecution<T> {
        private static final long serialVersionUID = 1L;

        private final transient SeldonStep step;
        private final transient Call<T> call;

        Execution(SeldonStep step, StepContext context, Call<T> call) {
            super(context);
            this.step = step;
            this.call = call;
        }

        @Override
        protected T run() throws Exception {
            try {
                return call.call(step.connect(getContext()), getContext());
            } catch (IOException e) {
                throw SeldonCalls.abort(e);
            }
        }
    }
}

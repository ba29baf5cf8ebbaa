package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.seldon.operations.parameters.OperationParameters;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A Pipeline step of one operation. It holds the operation's parameters, the same object the operation's freestyle
 * build step holds, so both normalise and check them alike; its data-bound properties only delegate. Every step takes
 * {@code server:} (default: the enclosing {@code withSeldon} block's, else the default server) and
 * {@code credentialsId:}, a credential of the job's own that replaces the server's.
 */
public abstract class SeldonStep<P extends OperationParameters> extends Step {

    private final P parameters;

    protected SeldonStep(P parameters) {
        this.parameters = parameters;
    }

    /** The operation's parameters, shared with its freestyle build step. */
    protected final P parameters() {
        return parameters;
    }

    @CheckForNull
    public String getServer() {
        return parameters.getServer();
    }

    @DataBoundSetter
    public void setServer(String server) {
        parameters.setServer(server);
    }

    @CheckForNull
    public String getCredentialsId() {
        return parameters.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        parameters.setCredentialsId(credentialsId);
    }

    /** The server and credential a step uses: its own, else those of the enclosing {@code withSeldon} block. */
    record Target(@CheckForNull String server, @CheckForNull String credentialsId) {

        static Target of(OperationParameters p, StepContext context) throws IOException, InterruptedException {
            WithSeldonStep.Defaults defaults = context.get(WithSeldonStep.Defaults.class);
            String server = p.getServer();
            if (defaults != null && (server == null || server.equals(defaults.getServer()))) {
                return new Target(defaults.getServer(),
                        p.getCredentialsId() != null ? p.getCredentialsId() : defaults.getCredentialsId());
            }
            return new Target(server, p.getCredentialsId());
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.console.LineTransformationOutputStream;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.config.SeldonGlobalConfiguration;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.credentials.SeldonCredentialResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withSeldon(server: 'prod') { ... }}: inside the block the Seldon steps default to this server (and
 * credentials), and processes see {@code SELDON_API_URL}. With {@code exposeToken: true} they also see
 * {@code SELDON_TOKEN}, a snapshot of the bearer token taken when the block starts, masked in the build log.
 */
public final class WithSeldonStep extends SeldonStep {

    public static final String API_URL_VARIABLE = "SELDON_API_URL";
    public static final String SERVER_VARIABLE = "SELDON_SERVER_NAME";
    public static final String TOKEN_VARIABLE = "SELDON_TOKEN";

    private boolean exposeToken;

    @DataBoundConstructor
    public WithSeldonStep() {}

    public boolean isExposeToken() {
        return exposeToken;
    }

    @DataBoundSetter
    public void setExposeToken(boolean exposeToken) {
        this.exposeToken = exposeToken;
    }

    @Override
    public StepExecution start(StepContext context) {
        // The block's own choice, not an enclosing block's: its server is what the steps inside default to.
        return new Execution(context, getServer(), getCredentialsId(), exposeToken);
    }

    /** What the steps inside the block default to; a context object, so it never appears in the environment. */
    @Restricted(NoExternalUse.class)
    public static final class Defaults implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String server;
        private final String credentialsId;

        Defaults(String server, @CheckForNull String credentialsId) {
            this.server = server;
            this.credentialsId = credentialsId;
        }

        public String getServer() {
            return server;
        }

        @CheckForNull
        public String getCredentialsId() {
            return credentialsId;
        }
    }

    private static final class Execution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;

        private final String server;
        private final String credentialsId;
        private final boolean exposeToken;

        Execution(StepContext context, String server, String credentialsId, boolean exposeToken) {
            super(context);
            this.server = server;
            this.credentialsId = credentialsId;
            this.exposeToken = exposeToken;
        }

        @Override
        public boolean start() {
            // Resolving credentials and fetching a token may block: do it off the CPS thread.
            run(this::begin);
            return false;
        }

        private void begin() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            SeldonServer s;
            SeldonCredentialResolver.Connection connection;
            try {
                s = SeldonGlobalConfiguration.get().resolveServer(server);
                connection = SeldonCredentialResolver.forBuild(s, credentialsId, run, listener);
            } catch (IOException e) {
                throw SeldonCalls.abort(e);
            }
            Map<String, String> values = new TreeMap<>();
            values.put(API_URL_VARIABLE, s.getApiUrl());
            values.put(SERVER_VARIABLE, s.getName());
            BodyInvoker invoker = context.newBodyInvoker();
            if (exposeToken) {
                Secret token;
                try {
                    token = token(connection.authenticator(), s, listener);
                } catch (IOException e) {
                    throw SeldonCalls.abort(e);
                }
                invoker.withContexts(
                        EnvironmentExpander.merge(context.get(EnvironmentExpander.class), new Expander(values, token)),
                        BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class), new MaskingFilter(token)));
            } else {
                invoker.withContext(EnvironmentExpander.merge(context.get(EnvironmentExpander.class), new Expander(values, null)));
            }
            invoker.withContext(new Defaults(s.getName(), credentialsId))
                    .withCallback(BodyExecutionCallback.wrap(context))
                    .start();
        }

        private static Secret token(RequestAuthenticator authenticator, SeldonServer s, TaskListener listener)
                throws IOException, InterruptedException {
            AuthHeader header = authenticator.authenticate();
            SecretText bearer = header.bearerToken();
            if (bearer == null) {
                throw new AbortException("The authentication of the Seldon server '" + s.getName()
                        + "' does not use a bearer token, so exposeToken cannot be used");
            }
            listener.getLogger().println("[Seldon] " + TOKEN_VARIABLE + " holds a token for " + s.getName()
                    + (header.expiresAt() == null ? "" : " valid until " + header.expiresAt())
                    + "; it is not refreshed inside the block");
            return Secret.fromString(bearer.reveal());
        }
    }

    /** Adds the variables; the token is reported as sensitive so that {@code sh} warns about Groovy interpolation of it. */
    private static final class Expander extends EnvironmentExpander {
        private static final long serialVersionUID = 1L;
        private final Map<String, String> values;
        private final Secret token;

        Expander(Map<String, String> values, @CheckForNull Secret token) {
            this.values = values;
            this.token = token;
        }

        @Override
        public void expand(@NonNull EnvVars env) {
            env.overrideAll(values);
            if (token != null) {
                env.override(TOKEN_VARIABLE, token.getPlainText());
            }
        }

        @NonNull
        @Override
        public Set<String> getSensitiveVariables() {
            return token == null ? Set.of() : Set.of(TOKEN_VARIABLE);
        }
    }

    /** Replaces the token in log lines. Built on the controller, so the pattern never comes from an agent. */
    private static final class MaskingFilter extends ConsoleLogFilter implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Secret token;

        MaskingFilter(Secret token) {
            this.token = token;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public OutputStream decorateLogger(Run build, OutputStream logger) {
            byte[] secret = token.getPlainText().getBytes(StandardCharsets.UTF_8);
            return new LineTransformationOutputStream.Delegating(logger) {
                @Override
                protected void eol(byte[] b, int len) throws IOException {
                    out.write(TokenMask.mask(b, len, secret));
                }
            };
        }
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "withSeldon";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Use a Seldon server in a block";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object s = namedArgs.get("server");
            return s instanceof CharSequence ? s.toString() : null;
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.config.SeldonServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withSeldon(server: 'prod') { ... }}: inside the block the Seldon steps default to this server (and
 * credential), and processes see {@code SELDON_API_URL} and {@code SELDON_SERVER_NAME}. With
 * {@code exposeToken: true} they also see {@code SELDON_TOKEN}, a snapshot of the bearer token taken when the block
 * starts: obtained with the step's own {@code credentialsId:}, or with the server's only where the administrator lets
 * jobs receive its tokens. The token and its common encodings are masked in the log and in failures of the block.
 */
public final class WithSeldonStep extends Step {

    public static final String API_URL_VARIABLE = "SELDON_API_URL";
    public static final String SERVER_VARIABLE = "SELDON_SERVER_NAME";
    public static final String TOKEN_VARIABLE = "SELDON_TOKEN";

    private String server;
    private String credentialsId;
    private boolean exposeToken;

    @DataBoundConstructor
    public WithSeldonStep() {}

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
        return new Execution(context, server, credentialsId, exposeToken);
    }

    /** What the steps inside the block default to; a context object, so it never appears in the environment. */
    static final class Defaults implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String server;
        private final String credentialsId;

        Defaults(String server, @CheckForNull String credentialsId) {
            this.server = server;
            this.credentialsId = credentialsId;
        }

        String getServer() {
            return server;
        }

        @CheckForNull
        String getCredentialsId() {
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
            try {
                SeldonSession session = SeldonSession.open(server, credentialsId,
                        exposeToken ? SeldonServer.Purpose.TOKEN_FOR_JOB : SeldonServer.Purpose.OPERATIONS,
                        context.get(Run.class), context.get(TaskListener.class));
                Map<String, String> values = new TreeMap<>();
                values.put(API_URL_VARIABLE, session.server().getApiUrl());
                values.put(SERVER_VARIABLE, session.server().getName());
                BodyInvoker invoker = context.newBodyInvoker();
                if (exposeToken) {
                    Secret token = token(session);
                    Secret pattern = Secret.fromString(
                            SecretPatterns.getAggregateSecretPattern(TokenForms.of(token.getPlainText())).pattern());
                    invoker.withContexts(
                            EnvironmentExpander.merge(context.get(EnvironmentExpander.class), new Expander(values, token)),
                            BodyInvoker.mergeConsoleLogFilters(context.get(ConsoleLogFilter.class),
                                    new MaskingFilter(pattern, context.get(Run.class).getCharset().name())),
                            FailureHandler.merge(context.get(FailureHandler.class), new MaskingHandler(pattern)));
                } else {
                    invoker.withContext(EnvironmentExpander.merge(context.get(EnvironmentExpander.class),
                            new Expander(values, null)));
                }
                invoker.withContext(new Defaults(session.server().getName(), credentialsId))
                        .withCallback(BodyExecutionCallback.wrap(context))
                        .start();
            } catch (IOException | IllegalArgumentException e) {
                throw (Exception) Failures.forBuild(e);
            }
        }

        private static Secret token(SeldonSession session) throws IOException, InterruptedException {
            AuthHeader header = session.authenticator().authenticate();
            SecretText bearer = header.bearerToken();
            if (bearer == null) {
                throw new AbortException(Messages.WithSeldonStep_noBearer(session.server().getName()));
            }
            session.log().info(header.expiresAt() == null
                    ? Messages.WithSeldonStep_tokenExposed(TOKEN_VARIABLE, session.server().getName())
                    : Messages.WithSeldonStep_tokenExposedUntil(TOKEN_VARIABLE, session.server().getName(),
                            header.expiresAt()));
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

    /**
     * Masks the token's forms in log lines. The pattern and the build's charset are taken on the controller when the
     * block starts: Pipeline calls the filter without a build (and, for steps on an agent, not on the controller).
     */
    private static final class MaskingFilter extends ConsoleLogFilter implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Secret pattern;
        private final String charsetName;

        MaskingFilter(Secret pattern, String charsetName) {
            this.pattern = pattern;
            this.charsetName = charsetName;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public OutputStream decorateLogger(Run ignored, OutputStream logger) {
            return new SecretPatterns.MaskingOutputStream(logger, () -> Pattern.compile(pattern.getPlainText()),
                    charsetName);
        }
    }

    /** Masks the token's forms in the failure of any step in the block. */
    private static final class MaskingHandler implements FailureHandler {
        private static final long serialVersionUID = 1L;
        private final Secret pattern;

        MaskingHandler(Secret pattern) {
            this.pattern = pattern;
        }

        @NonNull
        @Override
        public Throwable handle(@NonNull StepContext context, @NonNull Throwable failure) {
            return MaskedFailure.of(failure, Pattern.compile(pattern.getPlainText()));
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
            return Messages.WithSeldonStep_displayName();
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

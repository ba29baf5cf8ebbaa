package io.jenkins.plugins.seldon.config;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Job;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.client.Fips;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.Urls;
import io.jenkins.plugins.seldon.client.api.ApiPathPatterns;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.credentials.BuildCredentials;
import io.jenkins.plugins.seldon.credentials.CredentialLookup;
import io.jenkins.plugins.seldon.credentials.SystemCredentials;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import jenkins.security.FIPS140;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Seldon Enterprise Platform installation: its API URL, how Jenkins authenticates, TLS, timeouts and which jobs
 * may use it and how. The invariants (name present, URL normalised, authentication present) hold however the
 * configuration arrives: the constructor and {@link #readResolve()} enforce them. This is also where a configured
 * server becomes an API client: the credentials the administrator configured are resolved as the system, a job's own
 * only in its build's context.
 */
public final class SeldonServer implements Describable<SeldonServer> {

    // Not final: readResolve normalises what hand-edited XML carries, as the constructor does.
    private String name;
    private String apiUrl;
    private final SeldonAuthentication authentication;
    /** Null when certificates are verified against the JVM's trust store and nothing is added. */
    @CheckForNull
    private TlsConfiguration tls;
    private int connectTimeoutSeconds;
    private int readTimeoutSeconds;
    private String allowedFolders;
    private boolean requireJobCredentials;
    private boolean jobsMayReceiveTokens;
    @CheckForNull
    private String inferenceUrl;
    private boolean apiStepEnabled;
    /** Null when every path is allowed; otherwise the normalised patterns, one per line. */
    @CheckForNull
    private String apiStepAllowedPaths;

    /** @throws IllegalArgumentException when the name is empty, the URL is not a usable API URL or no auth is given */
    @DataBoundConstructor
    public SeldonServer(String name, String apiUrl, SeldonAuthentication authentication) {
        this.name = checkName(name);
        this.apiUrl = ServerSettings.normaliseApiUrl(apiUrl).toString();
        if (authentication == null) {
            throw new IllegalArgumentException(Messages.SeldonServer_noAuthentication(this.name));
        }
        this.authentication = authentication;
    }

    private static String checkName(String name) {
        String n = Util.fixEmptyAndTrim(name);
        if (n == null) {
            throw new IllegalArgumentException(Messages.SeldonServer_noName());
        }
        return n;
    }

    private Object readResolve() {
        name = checkName(name);
        apiUrl = ServerSettings.normaliseApiUrl(apiUrl).toString();
        if (authentication == null) {
            throw new IllegalArgumentException(Messages.SeldonServer_noAuthentication(name));
        }
        setTls(tls);
        setAllowedFolders(allowedFolders);
        setInferenceUrl(inferenceUrl);
        setApiStepAllowedPaths(apiStepAllowedPaths);
        connectTimeoutSeconds = Math.max(0, connectTimeoutSeconds);
        readTimeoutSeconds = Math.max(0, readTimeoutSeconds);
        return this;
    }

    public String getName() {
        return name;
    }

    /** The normalised API URL, ending in {@value ServerSettings#API_PATH}. */
    public String getApiUrl() {
        return apiUrl;
    }

    public SeldonAuthentication getAuthentication() {
        return authentication;
    }

    /** The TLS settings, or null for the default: verify against the JVM's trust store. */
    @CheckForNull
    public TlsConfiguration getTls() {
        return tls;
    }

    @DataBoundSetter
    public void setTls(@CheckForNull TlsConfiguration tls) {
        this.tls = tls == null || tls.isDefault() ? null : tls;
    }

    /** Seconds; 0 means the default ({@link ServerSettings#DEFAULT_CONNECT_TIMEOUT}). */
    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds = checkTimeout(connectTimeoutSeconds);
    }

    /** Seconds; 0 means the default ({@link ServerSettings#DEFAULT_READ_TIMEOUT}). */
    public int getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadTimeoutSeconds(int readTimeoutSeconds) {
        this.readTimeoutSeconds = checkTimeout(readTimeoutSeconds);
    }

    private static int checkTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException(Messages.SeldonServer_negativeTimeout());
        }
        return seconds;
    }

    /** Folder full names, one per line or comma separated; empty means every job may use this server. */
    @CheckForNull
    public String getAllowedFolders() {
        return allowedFolders;
    }

    @DataBoundSetter
    public void setAllowedFolders(String allowedFolders) {
        List<String> folders = parseFolders(allowedFolders);
        this.allowedFolders = folders.isEmpty() ? null : String.join("\n", folders);
    }

    private static List<String> parseFolders(@CheckForNull String text) {
        if (text == null) {
            return Collections.emptyList();
        }
        return Arrays.stream(text.split("[,\\n]"))
                .map(String::trim)
                .map(s -> s.replaceAll("^/+|/+$", ""))
                .filter(s -> !s.isEmpty())
                .distinct()
                .collect(Collectors.toList());
    }

    /** When true, builds must pass their own {@code credentialsId:}; the server's own credential is only for admins. */
    public boolean isRequireJobCredentials() {
        return requireJobCredentials;
    }

    @DataBoundSetter
    public void setRequireJobCredentials(boolean requireJobCredentials) {
        this.requireJobCredentials = requireJobCredentials;
    }

    /**
     * When true, a job may receive the server principal's own token (e.g. {@code withSeldon(exposeToken: true)}
     * without its own {@code credentialsId:}). Off by default: a token in a job's hands can do whatever the principal
     * can, outside every check this plugin makes.
     */
    public boolean isJobsMayReceiveTokens() {
        return jobsMayReceiveTokens;
    }

    @DataBoundSetter
    public void setJobsMayReceiveTokens(boolean jobsMayReceiveTokens) {
        this.jobsMayReceiveTokens = jobsMayReceiveTokens;
    }

    /**
     * The cluster's inference URL (its ingress for model predictions, e.g. {@code https://seldon.example.com}), which
     * the gate of a canary uses to reach the candidate directly; null when not configured.
     */
    @CheckForNull
    public String getInferenceUrl() {
        return inferenceUrl;
    }

    /** @throws IllegalArgumentException when it is not a usable http(s) base URL */
    @DataBoundSetter
    public void setInferenceUrl(@CheckForNull String inferenceUrl) {
        this.inferenceUrl = Util.fixEmptyAndTrim(inferenceUrl) == null ? null
                : Urls.httpBase(inferenceUrl, Messages.SeldonServer_inferenceUrl()).toString();
    }

    /**
     * When true, builds may call any path of this server's API with {@code seldonApi}, which reaches what the named
     * steps do not: secrets, users and groups, policies. Off by default.
     */
    public boolean isApiStepEnabled() {
        return apiStepEnabled;
    }

    @DataBoundSetter
    public void setApiStepEnabled(boolean apiStepEnabled) {
        this.apiStepEnabled = apiStepEnabled;
    }

    /** The paths {@code seldonApi} may call, one pattern per line ({@link ApiPathPatterns}); null for every path. */
    @CheckForNull
    public String getApiStepAllowedPaths() {
        return apiStepAllowedPaths;
    }

    /** @throws IllegalArgumentException naming a line that is not a pattern */
    @DataBoundSetter
    public void setApiStepAllowedPaths(@CheckForNull String apiStepAllowedPaths) {
        ApiPathPatterns patterns = ApiPathPatterns.parse(apiStepAllowedPaths);
        this.apiStepAllowedPaths = patterns.isEmpty() ? null : patterns.toString();
    }

    /** What {@code seldonApi} may call on this server. */
    public ApiPathPatterns apiStepPatterns() {
        return ApiPathPatterns.parse(apiStepAllowedPaths);
    }

    /** {@link #getInferenceUrl()} as a URI, or null. */
    @CheckForNull
    public URI inferenceUri() {
        return inferenceUrl == null ? null : URI.create(inferenceUrl);
    }

    /**
     * Whether this server limits which jobs may use it or how (which folders, whose credentials, whose tokens); a
     * GLOBAL server credential then undermines it, since any job can name it.
     */
    public boolean isRestricted() {
        return allowedFolders != null || requireJobCredentials || !jobsMayReceiveTokens;
    }

    public Duration connectTimeout() {
        return connectTimeoutSeconds == 0 ? ServerSettings.DEFAULT_CONNECT_TIMEOUT : Duration.ofSeconds(connectTimeoutSeconds);
    }

    public Duration readTimeout() {
        return readTimeoutSeconds == 0 ? ServerSettings.DEFAULT_READ_TIMEOUT : Duration.ofSeconds(readTimeoutSeconds);
    }

    /**
     * Refuses a use that the administrator's restrictions forbid, saying why.
     *
     * @param jobCredentialsId the step's {@code credentialsId:}, or null when the server's own credential would be used
     */
    public void checkUsableBy(Job<?, ?> job, @CheckForNull String jobCredentialsId) throws AbortException {
        List<String> folders = parseFolders(allowedFolders);
        if (!folders.isEmpty()) {
            String full = job.getFullName();
            if (folders.stream().noneMatch(f -> full.startsWith(f + "/"))) {
                throw new AbortException(Messages.SeldonServer_folderRefused(name, String.join(", ", folders), full));
            }
        }
        if (requireJobCredentials && (jobCredentialsId == null
                || jobCredentialsId.equals(authentication.overridableCredentialsId()))) {
            // Naming the server's own credential would act as the administrator's principal all the same.
            throw new AbortException(Messages.SeldonServer_jobCredentialsRequired(name,
                    authentication.getDescriptor().getOverrideDescription()));
        }
    }

    /** What a build connects for. */
    public enum Purpose {
        /** The plugin's own operations, which apply every restriction. */
        OPERATIONS,
        /**
         * To hand the token to the job ({@code withSeldon(exposeToken: true)}), outside every check the plugin makes:
         * the server's own principal only where the administrator lets jobs receive its tokens.
         */
        TOKEN_FOR_JOB,
        /**
         * To call any path of the API ({@code seldonApi}), which reaches beyond every check the named steps make: only
         * on a server where the administrator enabled it, and, as for {@link #TOKEN_FOR_JOB}, with the server's own
         * principal only where jobs may receive its tokens.
         */
        API_CALL
    }

    /** A client for one build step, with what it was built from. */
    public record Connection(SeldonClient client, RequestAuthenticator authenticator, TlsSettings tls) {}

    /**
     * Connects for a build: checks the restrictions, resolves the server's own credentials as the system and the job's
     * {@code credentialsId:} in the build's context, tracking both on the build, and shares tokens with other builds of
     * the same principal.
     *
     * @param jobCredentialsId the step's {@code credentialsId:} as given (credentials parameters are resolved by the
     *     Credentials plugin), or null for the server's own credential
     * @param retries told about each retried API call, e.g. to say so in the build log
     */
    public Connection connectForBuild(Run<?, ?> run, @CheckForNull String jobCredentialsId, Purpose purpose,
            RetryListener retries) throws IOException {
        checkUsableBy(run.getParent(), jobCredentialsId);
        if (purpose == Purpose.TOKEN_FOR_JOB && !authentication.issuesBearerTokens()) {
            throw new AbortException(Messages.SeldonServer_noBearer(name));
        }
        if (purpose == Purpose.API_CALL && !apiStepEnabled) {
            throw new AbortException(Messages.SeldonServer_apiStepDisabled(name));
        }
        boolean ownTokenRefused = purpose != Purpose.OPERATIONS && !jobsMayReceiveTokens;
        String refusal = purpose == Purpose.API_CALL ? Messages.SeldonServer_apiCallRefused(name)
                : Messages.SeldonServer_tokenRefused(name);
        if (ownTokenRefused && jobCredentialsId == null) {
            throw new AbortException(refusal);
        }
        // A credentials parameter, or a GLOBAL server credential, can name the server's own credential too: compare
        // what was actually found.
        CredentialLookup job = new BuildCredentials(run,
                requireJobCredentials || ownTokenRefused ? authentication.overridableCredentialsId() : null,
                ownTokenRefused ? refusal
                        : Messages.SeldonServer_jobCredentialsRequired(name,
                                authentication.getDescriptor().getOverrideDescription()));
        return connect(SystemCredentials.usedBy(run),
                jobCredentialsId == null ? null : new AuthContext.JobCredential(jobCredentialsId, job),
                SharedClients.tokens(), retries);
    }

    /**
     * For "Test connection": the server's own credentials and always a fresh token, so the test proves the
     * credentials work now; the newest refresh token of a refresh-token principal is shared with builds, since a
     * provider may have revoked the configured one once it was used.
     */
    public SeldonClient connectForTest() throws IOException {
        return connect(SystemCredentials.INSTANCE, null, SharedClients.tokens().fresh(), RetryListener.NONE).client();
    }

    private Connection connect(SystemCredentials serverCredentials, @CheckForNull AuthContext.JobCredential jobCredential,
            @CheckForNull TokenCache cache, RetryListener retries) throws IOException {
        if (FIPS140.useCompliantAlgorithms()) {
            try {
                Fips.checkHttps(URI.create(apiUrl), Messages.SeldonServer_apiUrlWhat(name));
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }
        TlsSettings tlsSettings = tls == null ? TlsSettings.verify() : tls.toTlsSettings(serverCredentials);
        RequestAuthenticator auth = authentication.authenticator(new AuthContext(serverCredentials,
                jobCredential, tlsSettings, connectTimeout(), readTimeout(), SharedClients.http(), cache,
                URI.create(apiUrl), inferenceUri()));
        ServerSettings settings = new ServerSettings(apiUrl, tlsSettings, connectTimeout(), readTimeout());
        return new Connection(new SeldonClient(settings, auth, SharedClients.http(), retries), auth, tlsSettings);
    }

    @Extension
    @Symbol("server")
    public static final class DescriptorImpl extends Descriptor<SeldonServer> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonServer_displayName();
        }

        public List<SeldonAuthentication.SeldonAuthenticationDescriptor> getAuthenticationDescriptors() {
            return new ArrayList<>(SeldonAuthentication.all());
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateRequired(value);
        }

        @POST
        public FormValidation doCheckApiUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                String normalised = ServerSettings.normaliseApiUrl(value).toString();
                if (normalised.startsWith("http://") && FIPS140.useCompliantAlgorithms()) {
                    return FormValidation.error(Messages.SeldonServer_fipsPlainHttp());
                }
                if (normalised.startsWith("http://")) {
                    return FormValidation.warning(Messages.SeldonServer_plainHttp(normalised));
                }
                return normalised.equals(Util.fixEmptyAndTrim(value)) ? FormValidation.ok()
                        : FormValidation.ok(Messages.SeldonServer_willUse(normalised));
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckInferenceUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                Urls.httpBase(value, Messages.SeldonServer_inferenceUrl());
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckApiStepAllowedPaths(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                ApiPathPatterns.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckApiStepEnabled(@QueryParameter boolean value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return value ? FormValidation.warning(Messages.SeldonServer_apiStepWarning()) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
            return checkTimeoutField(value);
        }

        @POST
        public FormValidation doCheckReadTimeoutSeconds(@QueryParameter String value) {
            return checkTimeoutField(value);
        }

        private static FormValidation checkTimeoutField(String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok() : FormValidation.validateNonNegativeInteger(value);
        }

        @POST
        public FormValidation doCheckJobsMayReceiveTokens(@QueryParameter boolean value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return value ? FormValidation.warning(Messages.SeldonServer_tokensToJobsWarning()) : FormValidation.ok();
        }

        /**
         * Tests the saved server of this name: gets a fresh token (bypassing the cache) with the server's own
         * credentials, then reads {@code /user} and {@code /version}. Changes nothing. Messages are plain text, so
         * {@link FormValidation} escapes them.
         */
        @POST
        public FormValidation doTestConnection(@QueryParameter String name) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            SeldonServer server = SeldonGlobalConfiguration.get().findServer(name);
            if (server == null) {
                return FormValidation.error(Messages.SeldonServer_notSaved(Util.fixNull(name)));
            }
            try {
                SeldonClient client = server.connectForTest();
                JsonNode user = client.user();
                JsonNode version = client.version();
                List<String> groups = new ArrayList<>();
                user.path("Groups").forEach(g -> groups.add(g.asText()));
                String who = user.path("Name").asText(user.path("Id").asText("?"));
                String release = version.path("BuildVersion").asText("?");
                return FormValidation.ok(groups.isEmpty()
                        ? Messages.SeldonServer_connected(server.getApiUrl(), who, release)
                        : Messages.SeldonServer_connectedWithGroups(server.getApiUrl(), who, String.join(", ", groups),
                                release));
            } catch (IOException | RuntimeException e) {
                return FormValidation.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FormValidation.error(Messages.SeldonServer_interrupted());
            }
        }
    }
}

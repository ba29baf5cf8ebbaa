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
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.credentials.SeldonCredentialResolver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Seldon Enterprise Platform installation: its API URL, how Jenkins authenticates, TLS, timeouts and which jobs
 * may use it. The invariants (name present, URL normalised, authentication present) hold however the configuration
 * arrives: the constructor and {@link #readResolve()} enforce them.
 */
public final class SeldonServer implements Describable<SeldonServer> {

    // Not final: readResolve normalises what hand-edited XML carries, as the constructor does.
    private String name;
    private String apiUrl;
    private final SeldonAuthentication authentication;
    private TlsConfiguration tls;
    private int connectTimeoutSeconds;
    private int readTimeoutSeconds;
    private String allowedFolders;
    private boolean requireJobCredentials;

    /** @throws IllegalArgumentException when the name is empty, the URL is not a usable API URL or no auth is given */
    @DataBoundConstructor
    public SeldonServer(String name, String apiUrl, SeldonAuthentication authentication) {
        this.name = checkName(name);
        this.apiUrl = ServerSettings.normaliseApiUrl(apiUrl).toString();
        this.authentication = Objects.requireNonNull(authentication, "A Seldon server needs an authentication");
        this.tls = TlsConfiguration.verifying();
    }

    private static String checkName(String name) {
        String n = Util.fixEmptyAndTrim(name);
        if (n == null) {
            throw new IllegalArgumentException("A Seldon server needs a name");
        }
        return n;
    }

    private Object readResolve() {
        name = checkName(name);
        apiUrl = ServerSettings.normaliseApiUrl(apiUrl).toString();
        if (authentication == null) {
            throw new IllegalArgumentException("The Seldon server " + name + " has no authentication");
        }
        if (tls == null) {
            tls = TlsConfiguration.verifying();
        }
        setAllowedFolders(allowedFolders);
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

    @NonNull
    public TlsConfiguration getTls() {
        return tls;
    }

    @DataBoundSetter
    public void setTls(TlsConfiguration tls) {
        this.tls = tls == null ? TlsConfiguration.verifying() : tls;
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
            throw new IllegalArgumentException("A timeout cannot be negative");
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

    public Duration connectTimeout() {
        return connectTimeoutSeconds == 0 ? ServerSettings.DEFAULT_CONNECT_TIMEOUT : Duration.ofSeconds(connectTimeoutSeconds);
    }

    public Duration readTimeout() {
        return readTimeoutSeconds == 0 ? ServerSettings.DEFAULT_READ_TIMEOUT : Duration.ofSeconds(readTimeoutSeconds);
    }

    /**
     * Refuses a use that the administrator's restriction forbids, saying why.
     *
     * @param job the job of the build
     * @param ownCredentialsId the step's {@code credentialsId:}, or null when the server's own credential would be used
     */
    public void checkUsableBy(Job<?, ?> job, @CheckForNull String ownCredentialsId) throws AbortException {
        List<String> folders = parseFolders(allowedFolders);
        if (!folders.isEmpty()) {
            String full = job.getFullName();
            boolean inside = folders.stream().anyMatch(f -> full.startsWith(f + "/"));
            if (!inside) {
                throw new AbortException("The Seldon server '" + name + "' may only be used by jobs in the folders "
                        + String.join(", ", folders) + "; the job " + full + " is not in one of them");
            }
        }
        if (requireJobCredentials && (ownCredentialsId == null
                || ownCredentialsId.equals(authentication.overridableCredentialsId()))) {
            // Naming the server's own credential would act as the administrator's principal all the same.
            throw new AbortException("The Seldon server '" + name + "' requires jobs to bring their own credentials: pass"
                    + " credentialsId: with a credential from the job's folder, not the server's own ("
                    + authentication.getDescriptor().getOverrideDescription() + ")");
        }
    }

    @Extension
    @Symbol("server")
    public static final class DescriptorImpl extends Descriptor<SeldonServer> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "Seldon server";
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
                if (normalised.startsWith("http://")) {
                    return FormValidation.warning("Tokens sent over plain http can be read on the network. Will use " + normalised);
                }
                return normalised.equals(Util.fixEmptyAndTrim(value)) ? FormValidation.ok() : FormValidation.ok("Will use " + normalised);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok() : FormValidation.validateNonNegativeInteger(value);
        }

        @POST
        public FormValidation doCheckReadTimeoutSeconds(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return Util.fixEmptyAndTrim(value) == null ? FormValidation.ok() : FormValidation.validateNonNegativeInteger(value);
        }

        /**
         * Tests the saved server of this name: gets a fresh token (bypassing the cache) with the credentials builds
         * would use, then reads {@code /user} and {@code /version}. Changes nothing. Messages are plain text, so
         * {@link FormValidation} escapes them.
         */
        @POST
        public FormValidation doTestConnection(@QueryParameter String name) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            SeldonServer server = SeldonGlobalConfiguration.get().findServer(name);
            if (server == null) {
                return FormValidation.error("There is no saved Seldon server named '" + Util.fixNull(name)
                        + "'. Save the configuration first; the test uses the saved settings.");
            }
            try {
                SeldonClient client = SeldonCredentialResolver.forConnectionTest(server);
                JsonNode user = client.user();
                JsonNode version = client.version();
                List<String> groups = new ArrayList<>();
                user.path("Groups").forEach(g -> groups.add(g.asText()));
                String who = user.path("Name").asText(user.path("Id").asText("(unknown)"));
                return FormValidation.ok("Connected to " + server.getApiUrl() + " as " + who
                        + (groups.isEmpty() ? " (no groups)" : " (groups: " + String.join(", ", groups) + ")")
                        + "; Seldon Enterprise Platform " + version.path("BuildVersion").asText("(version unknown)"));
            } catch (IOException | RuntimeException e) {
                return FormValidation.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FormValidation.error("Interrupted");
            }
        }
    }
}

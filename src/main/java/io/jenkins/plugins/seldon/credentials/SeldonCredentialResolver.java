package io.jenkins.plugins.seldon.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.config.AuthContext;
import io.jenkins.plugins.seldon.config.CredentialLookup;
import io.jenkins.plugins.seldon.config.SeldonServer;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The one place the plugin looks up credentials and turns a configured server into an API client. Builds resolve in
 * the build's context ({@link CredentialsProvider#findCredentialById(String, Class, Run, List)}: folder credentials,
 * the build's authentication, usage tracking); "Test connection" resolves what a build in the root would see, so a
 * SYSTEM-scoped credential fails there too.
 */
@Restricted(NoExternalUse.class)
public final class SeldonCredentialResolver {

    private SeldonCredentialResolver() {}

    /** One HTTP client factory and token cache per controller JVM, shared by all jobs. */
    private static final class Shared {
        static final HttpClientFactory HTTP = new HttpClientFactory();
        static final TokenCache TOKENS = new TokenCache();
    }

    /** A client for one build, with the authenticator behind it (for steps that hand the token to the build). */
    public record Connection(SeldonClient client, RequestAuthenticator authenticator) {}

    /**
     * @param credentialsIdOverride the step's {@code credentialsId:}, or null for the server's own credential
     * @throws AbortException when the server's restriction refuses the job, or a credential is missing or wrong-typed
     */
    public static Connection forBuild(SeldonServer server, @CheckForNull String credentialsIdOverride, Run<?, ?> run,
            TaskListener listener) throws IOException {
        String override = Util.fixEmptyAndTrim(credentialsIdOverride);
        server.checkUsableBy(run.getParent(), override);
        // A credentials parameter can name the server's own credential too: compare what was actually found.
        CredentialLookup lookup = new RunLookup(run, server.isRequireJobCredentials()
                ? server.getAuthentication().overridableCredentialsId() : null, server.getName());
        TlsSettings tls = server.getTls().toTlsSettings(lookup);
        if (!tls.verifies()) {
            listener.getLogger().println("WARNING: TLS certificate verification is switched off for the Seldon server '"
                    + server.getName() + "'; tokens and credentials can be intercepted");
        }
        return connect(server, tls, new AuthContext(lookup, override, tls, server.connectTimeout(), server.readTimeout(),
                Shared.HTTP, Shared.TOKENS));
    }

    /** For "Test connection": the global store as builds see it, and always a fresh token (no cache). */
    public static SeldonClient forConnectionTest(SeldonServer server) throws IOException {
        CredentialLookup lookup = new GlobalLookup();
        TlsSettings tls = server.getTls().toTlsSettings(lookup);
        return connect(server, tls, new AuthContext(lookup, null, tls, server.connectTimeout(), server.readTimeout(),
                Shared.HTTP, null)).client();
    }

    private static Connection connect(SeldonServer server, TlsSettings tls, AuthContext context) throws IOException {
        RequestAuthenticator auth = server.getAuthentication().authenticator(context);
        ServerSettings settings = new ServerSettings(server.getApiUrl(), tls, server.connectTimeout(), server.readTimeout());
        return new Connection(new SeldonClient(settings, auth, Shared.HTTP), auth);
    }

    private static <C extends StandardCredentials> C checked(String id, Class<C> type, String role,
            @CheckForNull C found, @CheckForNull StandardCredentials anyType) throws AbortException {
        if (found != null) {
            return found;
        }
        if (anyType != null) {
            throw new AbortException("The credential '" + id + "' for the Seldon " + role + " has the wrong type (expected "
                    + typeName(type) + ", found " + anyType.getDescriptor().getDisplayName() + ")");
        }
        throw new AbortException("The credential '" + id + "' for the Seldon " + role + " was not found (expected "
                + typeName(type) + ")");
    }

    private static String typeName(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "StandardUsernamePasswordCredentials" -> "Username with password";
            case "StringCredentials" -> "Secret text";
            case "FileCredentials" -> "Secret file";
            default -> type.getSimpleName();
        };
    }

    private static final class RunLookup implements CredentialLookup {
        private final Run<?, ?> run;
        @CheckForNull
        private final String refusedId;
        private final String serverName;

        RunLookup(Run<?, ?> run, @CheckForNull String refusedId, String serverName) {
            this.run = run;
            this.refusedId = refusedId;
            this.serverName = serverName;
        }

        @Override
        public <C extends StandardCredentials> C find(String id, Class<C> type, List<DomainRequirement> requirements,
                String role) throws AbortException {
            C found = CredentialsProvider.findCredentialById(id, type, run, requirements);
            StandardCredentials any = found != null ? null
                    : CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, requirements);
            C c = checked(id, type, role, found, any);
            if (c.getId().equals(refusedId)) {
                throw new AbortException("The Seldon server '" + serverName + "' requires jobs to bring their own"
                        + " credentials; '" + id + "' resolves to the server's own credential");
            }
            CredentialsProvider.track(run, c);
            return c;
        }
    }

    private static final class GlobalLookup implements CredentialLookup {
        @Override
        public <C extends StandardCredentials> C find(String id, Class<C> type, List<DomainRequirement> requirements,
                String role) throws AbortException {
            StandardCredentials any = null;
            for (StandardCredentials c : CredentialsProvider.lookupCredentialsInItemGroup(
                    StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements)) {
                if (c.getId().equals(id)) {
                    if (c.getScope() == CredentialsScope.SYSTEM) {
                        throw new AbortException("The credential '" + id + "' for the Seldon " + role + " is SYSTEM-scoped:"
                                + " builds cannot use it, so it is refused here too. Make it GLOBAL");
                    }
                    if (type.isInstance(c)) {
                        return type.cast(c);
                    }
                    any = c;
                }
            }
            return checked(id, type, role, null, any);
        }
    }
}

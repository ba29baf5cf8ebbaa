package io.jenkins.plugins.seldon.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.credentials.CredentialLookup;
import java.net.URI;
import java.time.Duration;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What an {@link SeldonAuthentication} needs to build a request authenticator for one use of a server.
 *
 * @param serverCredentials resolves what the administrator configured on the server (as the system)
 * @param jobCredential a step's {@code credentialsId:} with the build's lookup, replacing the credential the auth kind
 *     documents as overridable; {@code null} to use the server's own
 * @param cache the shared token cache, or {@code null} to always fetch a fresh token
 * @param apiUrl the server's normalised API URL, where a session login through a gateway starts
 * @param inferenceUrl the server's inference URL, where predictions go with the same proof, or {@code null}
 */
@Restricted(NoExternalUse.class)
public record AuthContext(CredentialLookup serverCredentials, @CheckForNull JobCredential jobCredential, TlsSettings tls,
        Duration connectTimeout, Duration readTimeout, HttpClientFactory http, @CheckForNull TokenCache cache,
        URI apiUrl, @CheckForNull URI inferenceUrl) {

    /** A credential a job brings, and the only lookup allowed to resolve it: the build's. */
    public record JobCredential(String id, CredentialLookup lookup) {}
}

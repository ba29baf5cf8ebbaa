package io.jenkins.plugins.seldon.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.time.Duration;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What an {@link SeldonAuthentication} needs to build a request authenticator for one use of a server.
 *
 * @param credentials where credentials come from (the build's context, or the global store for "Test connection")
 * @param credentialsIdOverride a step's {@code credentialsId:}, replacing the credential the auth kind documents as
 *     overridable, or {@code null}
 * @param cache the shared token cache, or {@code null} to always fetch a fresh token
 */
@Restricted(NoExternalUse.class)
public record AuthContext(CredentialLookup credentials, @CheckForNull String credentialsIdOverride, TlsSettings tls,
        Duration connectTimeout, Duration readTimeout, HttpClientFactory http, @CheckForNull TokenCache cache) {}

package io.jenkins.plugins.seldon.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.http.HttpCalls;
import io.jenkins.plugins.seldon.client.http.HttpResult;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Finds an issuer's token endpoint through {@code {issuer}/.well-known/openid-configuration}. Answers are cached per
 * issuer and TLS settings (the same issuer reached with other trust settings is asked again). Thread-safe.
 */
final class OidcDiscovery {

    private record Key(URI issuer, TlsSettings tls) {}

    private final Map<Key, URI> tokenEndpoints = new ConcurrentHashMap<>();

    /**
     * The issuer's token endpoint, from the cache or by asking the issuer.
     *
     * @param client an HTTP client with the issuer's TLS settings
     * @throws ProviderException when the issuer has no usable discovery document
     */
    URI tokenEndpoint(URI issuer, TlsSettings tls, OkHttpClient client)
            throws SeldonException, InterruptedException {
        Key key = new Key(issuer, tls);
        URI cached = tokenEndpoints.get(key);
        if (cached != null) {
            return cached;
        }
        URI discovered = discover(issuer, client);
        tokenEndpoints.put(key, discovered);
        return discovered;
    }

    /** Forgets the issuer's answer, e.g. after its token endpoint stopped answering. */
    void forget(URI issuer, TlsSettings tls) {
        tokenEndpoints.remove(new Key(issuer, tls));
    }

    void clear() {
        tokenEndpoints.clear();
    }

    private static URI discover(URI issuer, OkHttpClient client) throws SeldonException, InterruptedException {
        HttpUrl url = HttpUrl.get(issuer.toString() + "/.well-known/openid-configuration");
        Request request = new Request.Builder().url(url).header("Accept", "application/json").build();
        HttpResult r = HttpCalls.execute(client, request, "the OIDC provider");
        String where = HttpCalls.where(request);
        String check = " Check the OIDC issuer URL (for Keycloak: https://<host>/auth/realms/<realm>), or give the token "
                + "endpoint URL instead.";
        if (r.status() >= 300 && r.status() < 400) {
            throw new ProviderException("OIDC discovery was redirected (" + where + " answered HTTP " + r.status()
                    + " to " + HttpCalls.location(r, request) + ")." + check, r.status(), null, null, where);
        }
        if (r.status() != 200) {
            throw new ProviderException("OIDC discovery failed (" + where + " answered HTTP " + r.status() + ")."
                    + check, r.status(), null, null, where);
        }
        JsonNode doc = Json.parseOrNull(r.body());
        String endpoint = doc == null ? null : doc.path("token_endpoint").asText(null);
        if (endpoint == null) {
            throw new ProviderException("OIDC discovery returned no token_endpoint (" + where + ")." + check, r.status(),
                    null, null, where);
        }
        try {
            URI uri = new URI(endpoint);
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // Reported below like any other unusable endpoint.
        }
        throw new ProviderException("OIDC discovery returned an unusable token_endpoint '" + endpoint + "' (" + where
                + ")." + check, r.status(), null, null, where);
    }
}

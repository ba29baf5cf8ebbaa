package io.jenkins.plugins.seldon.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.http.Answer;
import io.jenkins.plugins.seldon.client.http.Futures;
import io.jenkins.plugins.seldon.client.http.HttpCalls;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.RetryPolicy;
import io.jenkins.plugins.seldon.client.http.Retrying;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Finds an issuer's token endpoint, and the client authentication methods it supports, through
 * {@code {issuer}/.well-known/openid-configuration}. The document must name
 * the configured issuer exactly (OpenID Connect Discovery 1.0, section 4.3): one that names another issuer may come
 * from another provider, or from whoever sits in between. Where the token endpoint may be is checked by the
 * authenticator, per principal. Answers are cached per issuer and TLS settings (the same issuer reached with other
 * trust settings is asked again). Thread-safe.
 */
final class OidcDiscovery {

    private static final String WHAT = "the OIDC provider";
    private static final int MAX_SHOWN = 200;

    private record Key(URI issuer, TlsSettings tls) {}

    /**
     * What discovery says about the token endpoint.
     *
     * @param authMethods its {@code token_endpoint_auth_methods_supported}, empty when the document lists none
     */
    record Discovered(URI tokenEndpoint, Set<String> authMethods) {}

    private final Map<Key, Discovered> documents = new ConcurrentHashMap<>();

    /**
     * The issuer's token endpoint, from the cache or by asking the issuer (retrying outages).
     *
     * @param client an HTTP client with the issuer's TLS settings
     * @return the endpoint, or a failure: {@link ProviderException} when the issuer has no usable discovery document
     */
    CompletableFuture<Discovered> discover(URI issuer, TlsSettings tls, OkHttpClient client, HttpClientFactory http,
            Duration budget, RetryListener retries) {
        Key key = new Key(issuer, tls);
        Discovered cached = documents.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        HttpUrl url = HttpUrl.get(issuer.toString() + "/.well-known/openid-configuration");
        Request request = new Request.Builder().url(url).header("Accept", "application/json").build();
        CompletableFuture<Discovered> discovered = Retrying.run(WHAT, "GET", url, http.retries(), budget,
                client.dispatcher().executorService(), retries,
                n -> Futures.then(HttpCalls.send(client, request, WHAT, http.limits().provider(),
                        answer -> read(answer, issuer)), (outcome, e) -> {
                            if (e instanceof NetworkException ne && ne.mayPass()) {
                                return CompletableFuture.completedFuture(
                                        Retrying.Outcome.retry(ne, ne.shortReason(), null));
                            }
                            return e != null ? CompletableFuture.failedFuture(e)
                                    : CompletableFuture.completedFuture(outcome);
                        }));
        return Futures.then(discovered, (doc, e) -> {
            if (e != null) {
                return CompletableFuture.failedFuture(e);
            }
            documents.put(key, doc);
            return CompletableFuture.completedFuture(doc);
        });
    }

    /** Forgets the issuer's answer, e.g. after its token endpoint stopped answering. */
    void forget(URI issuer, TlsSettings tls) {
        documents.remove(new Key(issuer, tls));
    }

    void clear() {
        documents.clear();
    }

    private static Retrying.Outcome<Discovered> read(Answer r, URI issuer) throws IOException {
        String where = r.where();
        String check = " Check the OIDC issuer URL (for Keycloak: https://<host>/auth/realms/<realm>), or give the token "
                + "endpoint URL instead.";
        if (r.status() >= 300 && r.status() < 400) {
            return Retrying.Outcome.failed(new ProviderException("OIDC discovery was redirected (" + where
                    + " answered HTTP " + r.status() + " to " + HttpCalls.location(r) + ")." + check, r.status(), null,
                    null, where));
        }
        if (r.status() == 429 || r.status() >= 500) {
            ProviderException outage = new ProviderException("OIDC discovery failed: " + where + " answered HTTP "
                    + r.status() + ". The OIDC provider may be down or overloaded; check its health and try again "
                    + "later.", r.status(), null, null, where);
            return Retrying.Outcome.retry(outage, "answered HTTP " + r.status(),
                    RetryPolicy.retryAfter(r.headers().get("Retry-After"), Instant.now()));
        }
        if (r.status() != 200) {
            return Retrying.Outcome.failed(new ProviderException("OIDC discovery failed (" + where + " answered HTTP "
                    + r.status() + ")." + check, r.status(), null, null, where));
        }
        JsonNode doc = Json.parseOrNull(r.body());
        if (doc == null || !doc.isObject()) {
            return Retrying.Outcome.failed(new ProviderException("OIDC discovery returned no JSON object (" + where
                    + ")." + check, r.status(), null, null, where));
        }
        JsonNode named = doc.get("issuer");
        String namedIssuer = named != null && named.isTextual() ? named.asText() : null;
        if (namedIssuer == null || !stripTrailingSlash(namedIssuer).equals(issuer.toString())) {
            return Retrying.Outcome.failed(new ProviderException("OIDC discovery at " + where + " names "
                    + (namedIssuer == null ? "no issuer" : "the issuer '" + shown(namedIssuer) + "'")
                    + ", not the configured issuer URL " + issuer + ", so no credentials were sent: the document may "
                    + "come from another provider or have been altered on the way. If the provider names itself that "
                    + "way (e.g. Keycloak with another front-end host name), configure exactly that issuer URL, or give "
                    + "the token endpoint URL instead.", r.status(), null, null, where));
        }
        JsonNode endpoint = doc.get("token_endpoint");
        if (endpoint == null || !endpoint.isTextual() || endpoint.asText().isBlank()) {
            return Retrying.Outcome.failed(new ProviderException("OIDC discovery returned no token_endpoint (" + where
                    + ")." + check, r.status(), null, null, where));
        }
        try {
            URI uri = new URI(endpoint.asText());
            // HttpUrl takes http(s) URLs only, but finds a host in "http:///path" and takes user information.
            if (uri.getHost() != null && uri.getRawUserInfo() == null && HttpUrl.parse(uri.toString()) != null) {
                return Retrying.Outcome.done(new Discovered(uri, authMethods(doc)));
            }
        } catch (URISyntaxException e) {
            // Reported below like any other unusable endpoint.
        }
        return Retrying.Outcome.failed(new ProviderException("OIDC discovery returned an unusable token_endpoint ("
                + where + "): not an http(s) URL with a host and without user information." + check, r.status(), null,
                null, where));
    }

    /**
     * The listed methods; what is not a list counts as none, so an odd document only loses the automatic choice.
     * Other values than strings in the list are kept as their text: only the methods' names are ever looked up.
     */
    private static Set<String> authMethods(JsonNode doc) {
        JsonNode list = doc.get("token_endpoint_auth_methods_supported");
        Set<String> methods = new LinkedHashSet<>();
        if (list != null && list.isArray()) {
            list.forEach(m -> methods.add(m.asText()));
        }
        return Set.copyOf(methods);
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** A value from a server, made safe to repeat: one line, bounded. */
    static String shown(String value) {
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() > MAX_SHOWN ? line.substring(0, MAX_SHOWN) + "..." : line;
    }
}

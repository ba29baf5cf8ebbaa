package io.jenkins.plugins.seldon.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.seldon.config.OidcClientCredentialsAuthentication;
import io.jenkins.plugins.seldon.config.SeldonGlobalConfiguration;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Seldon API fake plus a minimal OIDC token endpoint (client credentials grant, {@code client_secret} in the form
 * as the plugin sends it), and helpers that configure Jenkins to use them. For tests that run inside Jenkins.
 */
public final class SeldonFixture implements AutoCloseable {

    public static final String CLIENT_ID = "jenkins-ci";
    /** Must never appear in a build log. */
    public static final String CANARY_SECRET = "canary-secret-7c1d9e";
    public static final String SERVER = "prod";
    public static final String CREDENTIALS_ID = "seldon-client";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestTokenIssuer issuer = new TestTokenIssuer();
    private final FakeSeldonApi api;
    private final HttpServer tokens;
    private final Map<String, String> secrets = new HashMap<>();
    private volatile String lastIssuedToken;

    private SeldonFixture() throws IOException {
        api = FakeSeldonApi.start(issuer.verifier());
        tokens = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokens.createContext("/token", this::token);
        tokens.start();
        secrets.put(CLIENT_ID, CANARY_SECRET);
    }

    public static SeldonFixture start() throws IOException {
        return new SeldonFixture();
    }

    /** Another client the token endpoint accepts, e.g. one stored as a folder credential. */
    public SeldonFixture acceptClient(String clientId, String secret) {
        synchronized (secrets) {
            secrets.put(clientId, secret);
        }
        return this;
    }

    /** The last token the endpoint issued, for checks that it never shows. */
    public String lastIssuedToken() {
        return lastIssuedToken;
    }

    /** A token the API accepts, as a pre-issued token for {@code user} would be; a negative lifetime has expired. */
    public String token(String user, Duration lifetime) {
        return issuer.token(user, lifetime, "ml-engineers");
    }

    public FakeSeldonApi api() {
        return api;
    }

    public String tokenEndpoint() {
        return "http://127.0.0.1:" + tokens.getAddress().getPort() + "/token";
    }

    /** One server named {@value #SERVER} using a SYSTEM-scoped credential {@value #CREDENTIALS_ID}, as recommended. */
    public SeldonServer configureJenkins() throws Exception {
        return configureJenkins(CredentialsScope.SYSTEM);
    }

    /** One server named {@value #SERVER} using a credential {@value #CREDENTIALS_ID} of the given scope. */
    public SeldonServer configureJenkins(CredentialsScope scope) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                scope, CREDENTIALS_ID, "Seldon client", CLIENT_ID, CANARY_SECRET));
        SystemCredentialsProvider.getInstance().save();
        SeldonServer server = new SeldonServer(SERVER, api.baseUrl().toString(), authentication(CREDENTIALS_ID));
        SeldonGlobalConfiguration.get().setServers(List.of(server));
        return server;
    }

    /**
     * Adds a server {@code name} for this fixture's API beside those configured (e.g. a staging server beside another
     * fixture's {@value #SERVER}), using the credential {@value #CREDENTIALS_ID} that {@link #configureJenkins()}
     * stores: every fixture's token endpoint accepts it.
     */
    public SeldonServer addServer(String name) {
        SeldonServer server = new SeldonServer(name, api.baseUrl().toString(), authentication(CREDENTIALS_ID));
        List<SeldonServer> servers = new ArrayList<>(SeldonGlobalConfiguration.get().getServers());
        servers.add(server);
        SeldonGlobalConfiguration.get().setServers(servers);
        return server;
    }

    public OidcClientCredentialsAuthentication authentication(String credentialsId) {
        OidcClientCredentialsAuthentication auth = new OidcClientCredentialsAuthentication(credentialsId);
        auth.setTokenEndpointUrl(tokenEndpoint());
        return auth;
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String clientId = form.get("client_id");
        String expected;
        synchronized (secrets) {
            expected = clientId == null ? null : secrets.get(clientId);
        }
        ObjectNode body = JSON.createObjectNode();
        int status;
        if (!"client_credentials".equals(form.get("grant_type")) || expected == null || !expected.equals(form.get("client_secret"))) {
            status = 401;
            body.put("error", "invalid_client").put("error_description", "Invalid client or Invalid client credentials");
        } else {
            status = 200;
            String token = issuer.token("service-account-" + clientId, "ml-engineers");
            lastIssuedToken = token;
            body.put("access_token", token).put("id_token", token).put("token_type", "Bearer").put("expires_in", 300);
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        tokens.stop(0);
        api.close();
    }
}

package io.jenkins.plugins.seldon.fuzz;

import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fuzz target: the authenticator's handling of whatever the issuer's discovery document says. See {@link FuzzAnswer}
 * for the format; in the body, {@code ${ISSUER}}, {@code ${ORIGIN}} and {@code ${TOKEN}} become the issuer URL, its
 * origin and a working token endpoint on it. Only {@code SeldonException}s may come out, no request may leave this
 * machine, and the secrets may only reach the issuer's origin.
 */
public final class DiscoveryFuzzer {

    private static final String REALM = "/realms/fuzz";
    private static final AtomicReference<FuzzAnswer> ANSWER = new AtomicReference<>();
    private static final AtomicReference<String> FOREIGN_HOST = new AtomicReference<>();
    private static final OidcSettings SETTINGS;

    static {
        String origin = FuzzSupport.SERVER.url();
        FuzzSupport.SERVER.on(REALM + "/.well-known/openid-configuration", (ex, r) -> ANSWER.get().send(ex));
        String host = origin.substring("http://".length());
        FuzzSupport.SERVER.on(REALM + "/token", (ex, r) -> {
            // The same server under another name (localhost) is another origin: the secret must not go there.
            String asked = ex.getRequestHeaders().getFirst("Host");
            if (!host.equals(asked)) {
                FOREIGN_HOST.compareAndSet(null, asked);
            }
            LocalHttpServer.json(ex, 200, "{\"access_token\":\"fuzz-token\",\"expires_in\":60}");
        });
        SETTINGS = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(URI.create(origin + REALM))
                .clientSecret(SecretText.of("fuzz-secret")).build();
    }

    private DiscoveryFuzzer() {
    }

    /** Called by Jazzer before fuzzing: loads what the first input would, outside its timeout. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("\n200\n\n{\"issuer\":\"${ISSUER}\",\"token_endpoint\":\"${TOKEN}\"}"
                .getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        String origin = FuzzSupport.SERVER.url();
        ANSWER.set(FuzzAnswer.parse(data).replacing("${ISSUER}", origin + REALM).replacing("${ORIGIN}", origin)
                .replacing("${TOKEN}", origin + REALM + "/token"));
        // No shared cache, so no shared discovery either: every input is asked for.
        OidcAuthenticator auth = new OidcAuthenticator(SETTINGS, TlsSettings.verify(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), FuzzSupport.HTTP, null);
        try {
            auth.authenticate();
        } catch (Throwable t) {
            FuzzSupport.expected(t);
        }
        FuzzSupport.assertStayedLocal();
        String foreign = FOREIGN_HOST.getAndSet(null);
        if (foreign != null) {
            throw new IllegalStateException("The secret was sent to another origin: " + foreign);
        }
    }
}

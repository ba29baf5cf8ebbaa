package io.jenkins.plugins.seldon.fuzz;

import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fuzz target: the authenticator's handling of whatever the token endpoint answers. The first line of an input is
 * ignored; see {@link FuzzAnswer} for the rest ({@code JWT<claims>JWT} in the body makes a token). Only
 * {@code SeldonException}s may come out, and a token that comes out must fit in a header and expire within a day.
 */
public final class TokenAnswerFuzzer {

    private static final AtomicReference<FuzzAnswer> ANSWER = new AtomicReference<>();
    private static final OidcSettings SETTINGS;

    static {
        FuzzSupport.SERVER.on("/token", (ex, r) -> ANSWER.get().send(ex));
        SETTINGS = OidcSettings.builder(OidcGrant.PASSWORD, "sd-api")
                .tokenEndpoint(URI.create(FuzzSupport.SERVER.url() + "/token"))
                .clientSecret(SecretText.of("fuzz-secret")).user("alice", SecretText.of("fuzz-password")).build();
    }

    private TokenAnswerFuzzer() {
    }

    /** Called by Jazzer before fuzzing: loads what the first input would, outside its timeout. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("\n200\n\n{\"id_token\":\"JWT<{\"exp\":1}>JWT\"}".getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        ANSWER.set(FuzzAnswer.parse(data));
        // No shared cache: every input asks the endpoint.
        OidcAuthenticator auth = new OidcAuthenticator(SETTINGS, TlsSettings.verify(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), FuzzSupport.HTTP, null);
        Instant before = Instant.now();
        try {
            AuthHeader h = auth.authenticate();
            String value = h.value().reveal();
            if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalStateException("A header value that cannot be sent");
            }
            if (h.expiresAt() == null || h.expiresAt().isBefore(before)
                    || h.expiresAt().isAfter(Instant.now().plus(Duration.ofHours(24)))) {
                throw new IllegalStateException("An expiry out of bounds: " + h.expiresAt());
            }
        } catch (Throwable t) {
            FuzzSupport.expected(t);
        }
        FuzzSupport.assertStayedLocal();
    }
}

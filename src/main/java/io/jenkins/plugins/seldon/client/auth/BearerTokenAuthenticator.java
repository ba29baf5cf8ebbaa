package io.jenkins.plugins.seldon.client.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * A token issued beforehand (by a person, a secrets manager, another job) and sent as the bearer as it is. Nothing
 * here can get another one: when the API refuses it, the refusal is final and says whether the token had expired.
 * Needs neither the network nor the token cache. Thread-safe.
 */
public final class BearerTokenAuthenticator implements RequestAuthenticator {

    private final SecretText token;
    private final String description;
    private final Clock clock;
    private final String notSentElsewhere;

    /**
     * @param token the token, with or without a leading {@code Bearer } (as people sometimes copy it), surrounding
     *     white space ignored
     * @param description where the token comes from, for messages, e.g. {@code the token of credential 'seldon-ci'}
     * @param notSentElsewhere why the token is not sent to the inference endpoint (e.g. its owner restricted it to the
     *     API's host), or {@code null} when it may be
     * @throws IllegalArgumentException when the token cannot be sent in an HTTP header; the token is not repeated
     */
    public BearerTokenAuthenticator(SecretText token, String description, Clock clock, String notSentElsewhere) {
        String t = Objects.requireNonNull(token, "token").reveal().strip();
        if (t.regionMatches(true, 0, "Bearer", 0, 6) && (t.length() == 6 || Character.isWhitespace(t.charAt(6)))) {
            t = t.substring(6).strip();
        }
        if (t.isEmpty() || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("The pre-issued token of " + description + " cannot be sent in an "
                    + "HTTP header: it is empty or holds spaces, line breaks or other characters than visible ASCII. "
                    + "Store the token alone in the Secret text credential.");
        }
        this.token = SecretText.of(t);
        this.description = Objects.requireNonNull(description, "description");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notSentElsewhere = notSentElsewhere;
    }

    @Override
    public String notSentTo(URI url) {
        return notSentElsewhere;
    }

    @Override
    public AuthHeader authenticate() {
        return AuthHeader.bearer(token, OidcAuthenticator.jwtExpiry(token.reveal()));
    }

    /** Nothing to forget: the same token is all there is. */
    @Override
    public void invalidate(AuthHeader rejected) {
        // The next call sends the same token; the API client does not retry, since renews() is false.
    }

    @Override
    public boolean renews() {
        return false;
    }

    @Override
    public String whenRefused() {
        Instant exp = OidcAuthenticator.jwtExpiry(token.reveal());
        String when = exp != null && !exp.isAfter(clock.instant())
                ? "The token expired at " + exp + ". "
                : "The token is invalid, was revoked, or has expired. ";
        return when + "Store a valid token in the Secret text credential, or use an authentication method that gets "
                + "new tokens (OIDC client credentials, password or refresh token).";
    }

    @Override
    public String describe() {
        return description + " (a pre-issued token)";
    }
}

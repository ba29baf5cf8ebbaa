package io.jenkins.plugins.seldon.client.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The proof of identity one API request carries: a header name and value ({@code Authorization: Bearer ...} today;
 * a session cookie for later auth kinds), and when it stops being valid.
 */
public final class AuthHeader {

    private final String name;
    private final SecretText value;
    private final Instant expiresAt;

    /** @param expiresAt when the proof stops being valid, or {@code null} when unknown */
    public AuthHeader(String name, SecretText value, Instant expiresAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.expiresAt = expiresAt;
    }

    /** {@code Authorization: Bearer <token>}. */
    public static AuthHeader bearer(SecretText token, Instant expiresAt) {
        return new AuthHeader("Authorization", SecretText.of("Bearer " + token.reveal()), expiresAt);
    }

    public String name() {
        return name;
    }

    public SecretText value() {
        return value;
    }

    /** The bearer token without the {@code Bearer } prefix, or {@code null} when this is not a bearer header. */
    public SecretText bearerToken() {
        String v = value.reveal();
        return name.equalsIgnoreCase("Authorization") && v.startsWith("Bearer ") ? SecretText.of(v.substring(7)) : null;
    }

    /** When the token expires, or {@code null} when unknown. */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return name + ": ****";
    }
}

package io.jenkins.plugins.seldon.client.auth;

import java.util.Objects;

/** A secret string that never shows itself in {@link #toString()}, logs or exception messages. */
public final class SecretText {

    private final String value;

    private SecretText(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** {@code null} or empty input gives {@code null}. */
    public static SecretText ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new SecretText(value);
    }

    /** @throws IllegalArgumentException when {@code value} is {@code null} or empty */
    public static SecretText of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("secret is empty");
        }
        return new SecretText(value);
    }

    /** The plain value, for the one place that sends it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretText s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}

package io.jenkins.plugins.seldon.client.auth;

import java.util.Locale;
import java.util.Set;

/**
 * How a client proves its identity at the token endpoint (OpenID Connect Core 1.0, section 9, and RFC 7523): the
 * values of {@code token_endpoint_auth_methods_supported}.
 */
public enum ClientAuthMethod {
    /** {@code client_id} and {@code client_secret} in the form, as Seldon's own documentation sends them. */
    CLIENT_SECRET_POST("client_secret_post"),
    /** The client id and secret as HTTP Basic authentication (RFC 6749, 2.3.1). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** A short-lived JWT signed with the client's private key (RFC 7523). */
    PRIVATE_KEY_JWT("private_key_jwt"),
    /** A public client: its {@code client_id} only, with no proof (password and refresh token grants). */
    NONE("none");

    private final String wireName;

    ClientAuthMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The name in discovery documents and in the plugin's configuration. */
    public String wireName() {
        return wireName;
    }

    /** Whether the method sends a client secret. */
    public boolean usesSecret() {
        return this == CLIENT_SECRET_POST || this == CLIENT_SECRET_BASIC;
    }

    /**
     * The method a configured wire name means.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ClientAuthMethod ofWireName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ClientAuthMethod m : values()) {
            if (m.wireName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown client authentication method '" + OidcDiscovery.shown(n)
                + "'; use client_secret_post, client_secret_basic, private_key_jwt or none");
    }

    /**
     * The secret method to use when none is configured: {@code client_secret_post}, as Seldon documents it, unless
     * the provider lists only {@code client_secret_basic} among the secret methods.
     *
     * @param supported the provider's {@code token_endpoint_auth_methods_supported}; empty when unknown
     */
    static ClientAuthMethod secretMethodFor(Set<String> supported) {
        return !supported.contains(CLIENT_SECRET_POST.wireName) && supported.contains(CLIENT_SECRET_BASIC.wireName)
                ? CLIENT_SECRET_BASIC : CLIENT_SECRET_POST;
    }

    @Override
    public String toString() {
        return wireName;
    }
}

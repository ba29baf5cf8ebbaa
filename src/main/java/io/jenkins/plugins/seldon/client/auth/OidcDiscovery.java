package io.jenkins.plugins.seldon.client.auth;

/** Finds an issuer's token endpoint through {@code /.well-known/openid-configuration}, caching the answer. */
public final class OidcDiscovery {

    public OidcDiscovery() {
    }
}

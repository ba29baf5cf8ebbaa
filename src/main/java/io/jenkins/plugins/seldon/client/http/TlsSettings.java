package io.jenkins.plugins.seldon.client.http;

import java.util.Objects;

/**
 * How the plugin's own connections to one server check certificates: the JVM's trust store (default), that plus extra
 * CA certificates in PEM, or no verification at all for this server only. Never changes JVM-wide defaults.
 */
public final class TlsSettings {

    private final String extraCaPem;
    private final boolean verify;

    private TlsSettings(String extraCaPem, boolean verify) {
        this.extraCaPem = extraCaPem == null || extraCaPem.isBlank() ? null : extraCaPem.trim();
        this.verify = verify;
    }

    /** Verify against the JVM's default trust store. */
    public static TlsSettings verify() {
        return new TlsSettings(null, true);
    }

    /** Verify against the JVM's default trust store plus the given PEM certificates (one or more). */
    public static TlsSettings withExtraCa(String pemCertificates) {
        return new TlsSettings(pemCertificates, true);
    }

    /** No certificate or host name verification: unsafe, opt-in per server. */
    public static TlsSettings insecure() {
        return new TlsSettings(null, false);
    }

    public boolean verifies() {
        return verify;
    }

    /** Extra CA certificates in PEM, or {@code null}. */
    public String extraCaPem() {
        return extraCaPem;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsSettings t && verify == t.verify && Objects.equals(extraCaPem, t.extraCaPem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(extraCaPem, verify);
    }

    @Override
    public String toString() {
        return !verify ? "TLS verification off" : extraCaPem == null ? "TLS verified" : "TLS verified with extra CA";
    }
}

package io.jenkins.plugins.seldon.client.http;

import java.util.Objects;

/**
 * How the plugin's own connections to one server check certificates: the JVM's trust store (default), that plus extra
 * CA certificates in PEM, or no verification at all for this server only; and the client certificate presented to
 * servers that ask for one (mutual TLS), if any. Never changes JVM-wide defaults.
 */
public final class TlsSettings {

    private final String extraCaPem;
    private final boolean verify;
    private final ClientCertificate clientCertificate;

    private TlsSettings(String extraCaPem, boolean verify, ClientCertificate clientCertificate) {
        this.extraCaPem = extraCaPem == null || extraCaPem.isBlank() ? null : extraCaPem.trim();
        this.verify = verify;
        this.clientCertificate = clientCertificate;
    }

    /** Verify against the JVM's default trust store. */
    public static TlsSettings verify() {
        return new TlsSettings(null, true, null);
    }

    /** Verify against the JVM's default trust store plus the given PEM certificates (one or more). */
    public static TlsSettings withExtraCa(String pemCertificates) {
        return new TlsSettings(pemCertificates, true, null);
    }

    /** No certificate or host name verification: unsafe, opt-in per server. */
    public static TlsSettings insecure() {
        return new TlsSettings(null, false, null);
    }

    /** These settings, presenting {@code certificate} to servers that ask for a client certificate. */
    public TlsSettings withClientCertificate(ClientCertificate certificate) {
        return new TlsSettings(extraCaPem, verify, Objects.requireNonNull(certificate, "certificate"));
    }

    public boolean verifies() {
        return verify;
    }

    /** Extra CA certificates in PEM, or {@code null}. */
    public String extraCaPem() {
        return extraCaPem;
    }

    /** The client certificate for mutual TLS, or {@code null}. */
    public ClientCertificate clientCertificate() {
        return clientCertificate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsSettings t && verify == t.verify && Objects.equals(extraCaPem, t.extraCaPem)
                && Objects.equals(clientCertificate, t.clientCertificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(extraCaPem, verify, clientCertificate);
    }

    @Override
    public String toString() {
        return (!verify ? "TLS verification off" : extraCaPem == null ? "TLS verified" : "TLS verified with extra CA")
                + (clientCertificate == null ? "" : ", with a client certificate");
    }
}

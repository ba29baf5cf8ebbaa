package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NetworkException.Reason;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** What each kind of transport failure is reported as: the class, the reason, and the words that say what to check. */
class TransportFailureTest {

    private static final Request HTTPS = new Request.Builder()
            .url("https://seldon.example.com/seldon-deploy/api/v1alpha1/version?x=1").build();
    private static final Request HTTP = new Request.Builder().url("http://seldon.example.com:8080/api").build();

    private static SeldonException classify(IOException e) {
        return HttpCalls.transportFailure(e, "the Seldon API", HTTPS);
    }

    private static <T extends Throwable> T causedBy(T outer, Throwable cause) {
        outer.initCause(cause);
        return outer;
    }

    private static void assertNetwork(Reason reason, String words, SeldonException e) {
        NetworkException n = assertInstanceOf(NetworkException.class, e);
        assertEquals(reason, n.reason(), n.getMessage());
        assertEquals("seldon.example.com", n.host());
        assertTrue(n.getMessage().contains(words), n.getMessage());
        assertTrue(n.getMessage().contains("GET https://seldon.example.com/seldon-deploy/api/v1alpha1/version"),
                "where, without the query: " + n.getMessage());
    }

    private static void assertTls(String words, SeldonException e) {
        assertInstanceOf(TlsException.class, e);
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void aCertificateForAnotherHostIsAHostNameMismatch() {
        assertTls("does not match the host name seldon.example.com",
                classify(new SSLPeerUnverifiedException("Hostname seldon.example.com not verified")));
    }

    @Test
    void anUntrustedCertificateSaysSoWithTheRootCause() {
        SeldonException e = classify(causedBy(new SSLHandshakeException("PKIX path building failed"),
                new CertificateException("unable to find valid certification path")));
        assertTls("is not trusted (GET https://seldon.example.com/seldon-deploy/api/v1alpha1/version): unable to find"
                + " valid certification path. Add the server's CA certificate", e);
        // A peer unverified for an untrusted chain is the chain's problem, not the host name's.
        assertTls("is not trusted", classify(causedBy(new SSLHandshakeException("x"),
                causedBy(new SSLPeerUnverifiedException("y"), new CertificateException("chain")))));
    }

    @Test
    void alertsAboutTheClientCertificateNameIt() {
        for (String alert : new String[] {"bad_certificate", "certificate_required", "unknown_ca",
                "certificate_unknown", "certificate_expired", "certificate_revoked", "unsupported_certificate",
                "access_denied"}) {
            assertTls("The Seldon API refused the client certificate, or requires one",
                    classify(new SSLHandshakeException("Received fatal alert: " + alert)));
        }
        assertTls("The TLS connection to the Seldon API failed (GET https://seldon.example.com/seldon-deploy/api/"
                + "v1alpha1/version): Received fatal alert: handshake_failure. Check that the URL's scheme and port",
                classify(new SSLHandshakeException("Received fatal alert: handshake_failure")));
        // Deeper in the chain, too; but a local certificate check is never the server refusing ours.
        assertTls("refused the client certificate", classify(causedBy(new SSLException("handshake"),
                new SSLException("Received fatal alert: certificate_required"))));
        assertTls("is not trusted", classify(causedBy(new SSLHandshakeException("Received fatal alert: unknown_ca"),
                new CertificateException("local"))));
    }

    @Test
    void otherTlsFailuresSayWhatToCheck() {
        assertTls("The TLS connection to the Seldon API failed", classify(new SSLException("Unsupported or "
                + "unrecognized SSL message")));
    }

    @Test
    void namesHostsAndConnectionsAsTheyFailed() {
        assertNetwork(Reason.UNKNOWN_HOST, "Unknown host seldon.example.com", classify(new UnknownHostException("x")));
        assertNetwork(Reason.CONNECTION_REFUSED, "Connection to the Seldon API refused",
                classify(new ConnectException("Connection refused")));
        assertNetwork(Reason.CONNECTION_REFUSED, "Connection to the Seldon API refused",
                classify(causedBy(new IOException("wrapped"), new NoRouteToHostException("No route"))));
        assertNetwork(Reason.CONNECT_TIMEOUT, "Connecting to the Seldon API timed out",
                classify(new HttpConnectTimeoutException("HTTP connect timed out")));
        assertNetwork(Reason.READ_TIMEOUT, "The Seldon API did not answer within the read timeout",
                classify(new HttpTimeoutException("request timed out")));
        assertNetwork(Reason.CONNECT_TIMEOUT, "raise the connect timeout",
                classify(new SocketTimeoutException("Connect timed out")));
        assertNetwork(Reason.READ_TIMEOUT, "raise the read timeout", classify(new SocketTimeoutException("Read timed"
                + " out")));
        assertNetwork(Reason.READ_TIMEOUT, "raise the read timeout", classify(new SocketTimeoutException()));
        assertNetwork(Reason.CALL_TIMEOUT, "did not complete the call in time",
                classify(new InterruptedIOException("timeout")));
    }

    @Test
    void aConnectionClosedOrResetHintsAtTheClientCertificateOnlyOverHttps() {
        for (IOException e : new IOException[] {new EOFException("\\n not found"),
                new IOException("unexpected end of stream on https://seldon.example.com/..."),
                new SocketException("Connection reset"), causedBy(new IOException("write"),
                        new SocketException("Broken pipe"))}) {
            SeldonException https = classify(e);
            assertNetwork(Reason.CONNECTION_CLOSED, "If it requires a client certificate (mutual TLS)", https);
            SeldonException http = HttpCalls.transportFailure(e, "the Seldon API", HTTP);
            assertEquals(Reason.CONNECTION_CLOSED, ((NetworkException) http).reason());
            assertTrue(!http.getMessage().contains("client certificate"), http.getMessage());
        }
        assertTrue(classify(new SocketException("Broken pipe")).getMessage().contains("while the request was sent"));
        assertTrue(classify(new SocketException("Connection reset")).getMessage().contains("reset the connection"));
    }

    @Test
    void anythingElseIsAFailedConnectionWithItsRootCauseOnOneShortLine() {
        SeldonException e = classify(causedBy(new IOException("outer"), new IOException("\n  first line\r\n\t"
                + "second  line ")));
        assertNetwork(Reason.CONNECTION_FAILED, "The connection to the Seldon API failed (GET https://seldon.example"
                + ".com/seldon-deploy/api/v1alpha1/version): first line second line. Check the URL", e);
        assertTrue(classify(new IOException()).getMessage().contains("failed (GET https://seldon.example.com/seldon-"
                + "deploy/api/v1alpha1/version): IOException. Check"), "the type when there is no message");
        assertTrue(classify(new IOException("  ")).getMessage().contains("): IOException. Check"));
        String cut = classify(new IOException("x".repeat(250))).getMessage();
        assertTrue(cut.contains("): " + "x".repeat(200) + " [...]. Check"), cut);
        assertTrue(classify(new IOException("y".repeat(200))).getMessage().contains("): " + "y".repeat(200)
                + ". Check"), "200 characters are kept whole");
    }

    @Test
    void theFailureKeepsItsCause() {
        IOException cause = new ConnectException("Connection refused");
        assertSame(cause, classify(cause).getCause());
    }
}

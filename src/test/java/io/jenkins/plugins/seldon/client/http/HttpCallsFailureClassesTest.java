package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NetworkException.Reason;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * The borders between the classes of transport failure: which failures are not a timeout, not a reset, not a refused
 * client certificate, so that the message sends the user to the right thing to check.
 */
class HttpCallsFailureClassesTest {

    private static final Request HTTPS = new Request.Builder()
            .url("https://seldon.example.com/seldon-deploy/api/v1alpha1/version").build();

    private static SeldonException classify(IOException e) {
        return HttpCalls.transportFailure(e, "the Seldon API", HTTPS);
    }

    private static <T extends Throwable> T causedBy(T outer, Throwable cause) {
        outer.initCause(cause);
        return outer;
    }

    private static void assertFailedConnection(String rootMessage, SeldonException e) {
        NetworkException n = assertInstanceOf(NetworkException.class, e);
        assertEquals(Reason.CONNECTION_FAILED, n.reason(), n.getMessage());
        assertTrue(n.getMessage().startsWith("The connection to the Seldon API failed (GET https://seldon.example.com/"
                + "seldon-deploy/api/v1alpha1/version): " + rootMessage + ". Check"), n.getMessage());
    }

    @Test
    void aCertificateCheckFailingOutsideTheHandshakeIsStillAnUntrustedCertificate() {
        SeldonException e = classify(causedBy(new SSLException("session"), new CertificateException("expired")));
        assertInstanceOf(TlsException.class, e);
        assertTrue(e.getMessage().startsWith("The TLS certificate of the Seldon API is not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("): expired. Add the server's CA certificate"), e.getMessage());
    }

    @Test
    void onlyAnAlertAboutTheClientCertificateIsARefusal() {
        // The alert's name alone, outside an alert, is not the server refusing anything.
        assertInstanceOf(TlsException.class, classify(new SSLException("certificate_unknown")));
        assertTrue(classify(new SSLException("certificate_unknown")).getMessage()
                .startsWith("The TLS connection to the Seldon API failed"));
    }

    @Test
    void anInterruptedOrOtherwiseStoppedCallIsNotACallTimeout() {
        assertFailedConnection("interrupted", classify(new InterruptedIOException("interrupted")));
        assertFailedConnection("timeout", classify(new IOException("timeout")));
        assertFailedConnection("Canceled", classify(new IOException("Canceled")));
    }

    @Test
    void aResetIsFoundWhereverItIsInTheChainButOnlyFromTheSocket() {
        NetworkException reset = assertInstanceOf(NetworkException.class,
                classify(causedBy(new IOException("read"), new SocketException("Connection reset"))));
        assertEquals(Reason.CONNECTION_CLOSED, reset.reason());
        assertTrue(reset.getMessage().startsWith("The Seldon API reset the connection"), reset.getMessage());
        assertFailedConnection("Connection reset by a stream", classify(new IOException("Connection reset by a stream")));
    }

    @Test
    void aClosedSocketIsNeitherAResetNorABrokenPipe() {
        assertFailedConnection("Socket closed", classify(new SocketException("Socket closed")));
    }

    @Test
    void capitaliseLeavesAnEmptyNameAlone() {
        assertEquals("", HttpCalls.capitalise(""));
        assertEquals("The Seldon API", HttpCalls.capitalise("the Seldon API"));
    }
}

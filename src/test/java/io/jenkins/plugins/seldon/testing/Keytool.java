package io.jenkins.plugins.seldon.testing;

import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys and certificates that okhttp-tls does not make (other curves, other signature algorithms), made by the
 * {@code keytool} of the JDK running the tests, as an administrator would.
 */
public final class Keytool {

    private Keytool() {}

    /**
     * A self-signed certificate and its key, read back from the PKCS#12 file keytool wrote.
     *
     * @param options keytool's key options, e.g. {@code -keyalg EC -groupname secp384r1}
     */
    public static ClientCertificate selfSigned(Path dir, String commonName, String... options)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve(commonName + ".p12");
        Path log = dir.resolve(commonName + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass",
                "changeit", "-alias", "client", "-dname", "CN=" + commonName, "-validity", "1"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + Files.readString(log));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ClientCertificate.fromKeyStore(ks, "changeit".toCharArray());
    }
}

package io.jenkins.plugins.seldon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.Equality;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @ParameterizedTest
    @CsvSource({
        "https://ml.example.com, https://ml.example.com/seldon-deploy/api/v1alpha1",
        "https://ml.example.com/, https://ml.example.com/seldon-deploy/api/v1alpha1",
        "HTTPS://ML.Example.com, https://ml.example.com/seldon-deploy/api/v1alpha1",
        "https://ml.example.com/seldon-deploy/api/v1alpha1, https://ml.example.com/seldon-deploy/api/v1alpha1",
        "https://ml.example.com/seldon-deploy/api/v1alpha1/, https://ml.example.com/seldon-deploy/api/v1alpha1",
        "https://ml.example.com/seldon-deploy, https://ml.example.com/seldon-deploy/api/v1alpha1",
        "https://ml.example.com/seldon-deploy/api/, https://ml.example.com/seldon-deploy/api/v1alpha1",
        "https://ml.example.com:8443/prefix, https://ml.example.com:8443/prefix/seldon-deploy/api/v1alpha1",
        "http://127.0.0.1:8080, http://127.0.0.1:8080/seldon-deploy/api/v1alpha1",
        "'  https://ml.example.com  ', https://ml.example.com/seldon-deploy/api/v1alpha1",
        "https://ml.example.com/my%20path, https://ml.example.com/my%20path/seldon-deploy/api/v1alpha1",
    })
    void normalisesToTheFullApiUrl(String given, String expected) {
        assertEquals(expected, ServerSettings.normaliseApiUrl(given).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ml.example.com", "ftp://ml.example.com", "https://", "https://u:p@ml.example.com",
        "https://ml.example.com/?x=1", "https://ml.example.com/#frag", "https://ml example.com"})
    void rejectsUnusableUrls(String given) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerSettings.normaliseApiUrl(given));
        assertTrue(e.getMessage().startsWith("The Seldon API URL"), e.getMessage());
    }

    @Test
    void eachUnusableUrlIsToldWhatIsWrongWithIt() {
        for (String empty : new String[] {null, "", " \t "}) {
            assertEquals("The Seldon API URL is empty", assertThrows(IllegalArgumentException.class,
                    () -> ServerSettings.normaliseApiUrl(empty)).getMessage());
        }
        assertEquals("The Seldon API URL has no host: https:///seldon-deploy", assertThrows(
                IllegalArgumentException.class, () -> ServerSettings.normaliseApiUrl(" https:///seldon-deploy "))
                .getMessage());
        assertEquals("The Seldon API URL must start with https:// (or http://), got: ml.example.com:443", assertThrows(
                IllegalArgumentException.class, () -> ServerSettings.normaliseApiUrl("ml.example.com:443"))
                .getMessage());
        for (String extra : new String[] {"https://ml.example.com/?x=1", "https://ml.example.com/#frag"}) {
            assertEquals("The Seldon API URL must not contain a query or a fragment", assertThrows(
                    IllegalArgumentException.class, () -> ServerSettings.normaliseApiUrl(extra)).getMessage());
        }
    }

    /**
     * Also where the URI parser would read user information that a scheme-less check misses, and where its message
     * would repeat the whole URL (an invalid one).
     */
    @ParameterizedTest
    @ValueSource(strings = {"https://user:hunter2@ml.example.com", "ftp://user:hunter2@ml.example.com",
        "alice:hunter2@ml.example.com", "alice:hunter2@ml.example.com/seldon-deploy", " alice:hunter2@ml.example.com ",
        "//alice:hunter2@ml.example.com", "//alice:hunter2@ml example.com", "https:/alice:hunter2@ml.example.com",
        "alice:hunter2@ml.example.com/?next=https://ml.example.com"})
    void userInformationIsNotEchoed(String given) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.normaliseApiUrl(given));
        assertEquals("The Seldon API URL must not contain user information; put credentials in Jenkins credentials",
                e.getMessage());
    }

    /** A password holding a slash ends the authority before the {@code @}: the URL is refused, but not repeated. */
    @Test
    void aUrlWithAnAtSignIsNeverRepeated() {
        assertEquals("The Seldon API URL has no host", assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.normaliseApiUrl("https://alice:hunt/er2@ml.example.com")).getMessage());
        assertEquals("The Seldon API URL must start with https:// (or http://)", assertThrows(
                IllegalArgumentException.class, () -> ServerSettings.normaliseApiUrl("htps://alice:hunt/er2@ml.example.com"))
                .getMessage());
        assertEquals("The Seldon API URL is not a valid URL: Illegal character in path at index 20", assertThrows(
                IllegalArgumentException.class, () -> ServerSettings.normaliseApiUrl("https://alice:hunt/e r2@ml.example.com"))
                .getMessage());
        assertEquals("The Seldon API URL is not a valid URL: Illegal character in authority at index 8:"
                + " https://ml example.com", assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.normaliseApiUrl("https://ml example.com")).getMessage());
    }

    @Test
    void equalSettingsAreEqualAndEachPartCounts() {
        ServerSettings a = new ServerSettings("https://ml.example.com", TlsSettings.verify(), Duration.ofSeconds(5), null);
        ServerSettings b = new ServerSettings("https://ml.example.com/seldon-deploy/api/v1alpha1/", TlsSettings.verify(),
                Duration.ofSeconds(5), ServerSettings.DEFAULT_READ_TIMEOUT);
        Equality.assertValueEquality(a, b,
                new ServerSettings("https://other.example.com", TlsSettings.verify(), Duration.ofSeconds(5), null),
                new ServerSettings("https://ml.example.com", TlsSettings.insecure(), Duration.ofSeconds(5), null),
                new ServerSettings("https://ml.example.com", TlsSettings.verify(), Duration.ofSeconds(6), null),
                new ServerSettings("https://ml.example.com", TlsSettings.verify(), Duration.ofSeconds(5),
                        Duration.ofSeconds(61)));
        assertEquals("https://ml.example.com/seldon-deploy/api/v1alpha1", a.toString());
        assertEquals(TlsSettings.verify(), a.tls());
    }

    @Test
    void missingOrNonPositiveTimeoutsGetTheDefaults() {
        for (Duration d : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1)}) {
            ServerSettings s = new ServerSettings("https://ml.example.com", TlsSettings.verify(), d, d);
            assertEquals(ServerSettings.DEFAULT_CONNECT_TIMEOUT, s.connectTimeout());
            assertEquals(ServerSettings.DEFAULT_READ_TIMEOUT, s.readTimeout());
        }
        ServerSettings s = new ServerSettings("https://ml.example.com", TlsSettings.verify(), Duration.ofMillis(1),
                Duration.ofMillis(2));
        assertEquals(Duration.ofMillis(1), s.connectTimeout());
        assertEquals(Duration.ofMillis(2), s.readTimeout());
        assertEquals(new ServerSettings("https://ml.example.com"), new ServerSettings("https://ml.example.com",
                TlsSettings.verify(), null, null));
    }
}

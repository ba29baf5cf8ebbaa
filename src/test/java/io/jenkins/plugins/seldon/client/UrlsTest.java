package io.jenkins.plugins.seldon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void userInformationIsSeenAlsoWithoutAScheme() {
        assertTrue(Urls.mayHoldUserInfo("https://alice:pw@host/path"));
        assertTrue(Urls.mayHoldUserInfo("alice:pw@host"));
        assertFalse(Urls.mayHoldUserInfo("https://host/path?mail=a@b"), "an @ after the authority is no user");
        assertFalse(Urls.mayHoldUserInfo("https://host/a@b#c@d"), "an @ in the path or fragment is no user");
        assertFalse(Urls.mayHoldUserInfo("host:8080/x@y"));
    }

    /** The URI parser reads user information there too; the URL must not be repeated in a message. */
    @Test
    void userInformationIsSeenAfterSlashesWithoutASchemeOrAfterATypo() {
        assertTrue(Urls.mayHoldUserInfo("//alice:pw@host"));
        assertTrue(Urls.mayHoldUserInfo("https:/alice:pw@host"));
        assertTrue(Urls.mayHoldUserInfo("a@host"));
        assertTrue(Urls.mayHoldUserInfo("alice:pw@host/?next=https://other"), "a :// further on starts no authority");
    }

    @Test
    void aBaseUrlIsHttpWithAHostAndLosesItsTrailingSlash() {
        assertEquals(URI.create("https://seldon.example.com"), Urls.httpBase(" https://seldon.example.com/ ", "The URL"));
        assertEquals(URI.create("http://10.0.0.5:8080/ingress"), Urls.httpBase("http://10.0.0.5:8080/ingress//", "The URL"));
        assertEquals("The inference URL must be an http(s) URL with a host, e.g. https://seldon.example.com",
                assertThrows(IllegalArgumentException.class, () -> Urls.httpBase("seldon.example.com", "The inference"
                        + " URL")).getMessage());
        assertEquals("The URL must not have a query or a fragment",
                assertThrows(IllegalArgumentException.class, () -> Urls.httpBase("https://h/?a=b", "The URL"))
                        .getMessage());
        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class,
                () -> Urls.httpBase("https://alice:s3cret@h", "The URL"));
        assertFalse(secret.getMessage().contains("s3cret"), secret.getMessage());
    }

    @Test
    void eachUnusableBaseUrlIsToldWhatIsWrongWithIt() {
        for (String empty : new String[] {null, "", " \t "}) {
            assertEquals("The URL is empty", assertThrows(IllegalArgumentException.class,
                    () -> Urls.httpBase(empty, "The URL")).getMessage());
        }
        for (String unusable : new String[] {"ftp://seldon.example.com", "https:///ingress", "https:seldon.example.com"}) {
            assertEquals("The URL must be an http(s) URL with a host, e.g. https://seldon.example.com",
                    assertThrows(IllegalArgumentException.class, () -> Urls.httpBase(unusable, "The URL"))
                            .getMessage(), unusable);
        }
        assertEquals("The URL must not have a query or a fragment", assertThrows(IllegalArgumentException.class,
                () -> Urls.httpBase("https://h/ingress#models", "The URL")).getMessage());
        assertEquals("The URL must not contain user information", assertThrows(IllegalArgumentException.class,
                () -> Urls.httpBase("//alice:s3cret@h", "The URL")).getMessage());
    }
}

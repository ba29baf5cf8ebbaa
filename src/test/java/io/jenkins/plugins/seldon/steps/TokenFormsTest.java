package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which forms of an exposed token are masked besides those the Credentials Binding plugin derives. */
class TokenFormsTest {

    private static final String HEADER = "eyJhbGciOiJSUzI1NiJ9";
    private static final String PAYLOAD = "eyJzdWIiOiJzZXJ2aWNlLWFjY291bnQifQ";
    private static final String SIGNATURE = "c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1ieS10aGUtaXNzdWVy";

    @Test
    void aJwtAndEachOfItsLongParts() {
        String jwt = HEADER + "." + PAYLOAD + "." + SIGNATURE;
        assertEquals(List.of(jwt, HEADER, PAYLOAD, SIGNATURE), TokenForms.of(jwt));
    }

    @Test
    void shortPartsAreNotMaskedAlone() {
        // "e30" (an empty JSON object) would mask ordinary log text.
        String jwt = "e30." + PAYLOAD + ".abc";
        assertEquals(List.of(jwt, PAYLOAD), TokenForms.of(jwt));
        assertEquals(TokenForms.MIN_PART_LENGTH, "12345678901234567890".length());
        assertEquals(List.of("a.12345678901234567890", "12345678901234567890"),
                TokenForms.of("a.12345678901234567890"));
        assertEquals(List.of("a.1234567890123456789"), TokenForms.of("a.1234567890123456789"));
    }

    @Test
    void anOpaqueTokenIsMaskedWhole() {
        assertEquals(List.of("opaque-token-without-dots-0123456789"), TokenForms.of("opaque-token-without-dots-0123456789"));
    }
}

package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.testing.Equality;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretTextTest {

    @Test
    void neverShowsItself() {
        assertEquals("****", SecretText.of("hunter2").toString());
        assertEquals("hunter2", SecretText.of("hunter2").reveal());
        assertEquals("Authorization: ****", AuthHeader.bearer(SecretText.of("hunter2"), null).toString());
    }

    @Test
    void emptyIsNoSecret() {
        assertThrows(IllegalArgumentException.class, () -> SecretText.of(""));
        assertThrows(IllegalArgumentException.class, () -> SecretText.of(null));
        assertNull(SecretText.ofNullable(""));
        assertNull(SecretText.ofNullable(null));
        assertEquals("x", SecretText.ofNullable("x").reveal());
    }

    @Test
    void equalByValue() {
        Equality.assertValueEquality(SecretText.of("a"), SecretText.ofNullable("a"), SecretText.of("b"));
    }

    @Test
    void aBearerHeaderAndItsToken() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        AuthHeader h = AuthHeader.bearer(SecretText.of("t0k"), at);
        assertEquals("Authorization", h.name());
        assertEquals("Bearer t0k", h.value().reveal());
        assertEquals("t0k", h.bearerToken().reveal());
        assertEquals(at, h.expiresAt());
        assertEquals("t0k", new AuthHeader("authorization", SecretText.of("Bearer t0k"), null).bearerToken().reveal());
        assertNull(new AuthHeader("Cookie", SecretText.of("Bearer t0k"), null).bearerToken());
        assertNull(new AuthHeader("Authorization", SecretText.of("Basic dTpw"), null).bearerToken());
    }
}

package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenMaskTest {

    private static String mask(String line, String secret) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new String(TokenMask.mask(bytes, bytes.length, secret.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    @Test
    void masksEveryOccurrence() {
        assertEquals("Authorization: Bearer **** and again ****\n",
                mask("Authorization: Bearer eyJ.abc.def and again eyJ.abc.def\n", "eyJ.abc.def"));
    }

    @Test
    void masksAtTheEdgesAndAdjacent() {
        assertEquals("********", mask("tokentoken", "token"));
        assertEquals("x****", mask("xtoken", "token"));
    }

    @Test
    void leavesOtherTextAlone() {
        assertEquals("tok en, tokeN, ünïcödé\n", mask("tok en, tokeN, ünïcödé\n", "token"));
        assertEquals("short", mask("short", "a-much-longer-secret"));
    }

    @Test
    void onlyTheGivenLengthCounts() {
        byte[] buffer = "abc secret trailing-garbage".getBytes(StandardCharsets.UTF_8);
        assertEquals("abc ****", new String(TokenMask.mask(buffer, 10, "secret".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
    }
}

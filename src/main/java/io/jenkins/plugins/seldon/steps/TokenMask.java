package io.jenkins.plugins.seldon.steps;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Replaces every occurrence of a secret in a log line. Byte-wise, so it works for any ASCII-compatible charset. */
final class TokenMask {

    static final String MASK = "****";

    private TokenMask() {}

    static byte[] mask(byte[] line, int len, byte[] secret) {
        ByteArrayOutputStream result = new ByteArrayOutputStream(len);
        byte[] stars = MASK.getBytes(StandardCharsets.US_ASCII);
        int i = 0;
        while (i < len) {
            if (secret.length > 0 && i + secret.length <= len
                    && Arrays.equals(line, i, i + secret.length, secret, 0, secret.length)) {
                result.write(stars, 0, stars.length);
                i += secret.length;
            } else {
                result.write(line[i]);
                i++;
            }
        }
        return result.toByteArray();
    }
}

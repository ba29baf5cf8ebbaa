package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The DER to JWS conversion of ECDSA signatures ({@link ClientAssertion#concatenated}), byte by byte. */
class EcdsaSignatureFormatTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] integer(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x02);
        out.write(value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] sequence(byte[] r, byte[] s, boolean longForm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] ri = integer(r);
        byte[] si = integer(s);
        out.write(0x30);
        if (longForm) {
            out.write(0x81);
        }
        out.write(ri.length + si.length);
        out.writeBytes(ri);
        out.writeBytes(si);
        return out.toByteArray();
    }

    private static byte[] joined(byte[] r, byte[] s) {
        byte[] out = Arrays.copyOf(r, r.length + s.length);
        System.arraycopy(s, 0, out, r.length, s.length);
        return out;
    }

    @Test
    void theShortestSignatureIsRightAligned() throws Exception {
        byte[] jose = ClientAssertion.concatenated(bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07), 256);
        byte[] expected = new byte[64];
        expected[31] = 5;
        expected[63] = 7;
        assertArrayEquals(expected, jose);
    }

    @Test
    void fullSizeValuesWithSignBytesInALongFormSequence() throws Exception {
        byte[] r = filled(32, 0x81);
        byte[] s = filled(32, 0x92);
        byte[] withSign = new byte[33];
        System.arraycopy(r, 0, withSign, 1, 32);
        byte[] der = sequence(withSign, s, true);
        assertArrayEquals(joined(r, s), ClientAssertion.concatenated(der, 256));
        // The short length form, and leading zeros beyond the sign byte.
        byte[] padded = new byte[34];
        System.arraycopy(s, 0, padded, 2, 32);
        assertArrayEquals(joined(r, s), ClientAssertion.concatenated(sequence(r, padded, false), 256));
    }

    @Test
    void aZeroValueKeepsItsByte() throws Exception {
        byte[] jose = ClientAssertion.concatenated(bytes(0x30, 0x07, 0x02, 0x02, 0x00, 0x00, 0x02, 0x01, 0x09), 256);
        byte[] expected = new byte[64];
        expected[63] = 9;
        assertArrayEquals(expected, jose);
    }

    @Test
    void theFieldSizeFollowsTheCurveOrder() throws Exception {
        // P-521: 521 bits are 66 bytes.
        byte[] jose = ClientAssertion.concatenated(bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07), 521);
        byte[] expected = new byte[132];
        expected[65] = 5;
        expected[131] = 7;
        assertArrayEquals(expected, jose);
    }

    @Test
    void whatIsNoDerSignatureIsRefused() {
        byte[][] broken = {
            bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01),                   // too short
            bytes(0x31, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07),             // no SEQUENCE
            bytes(0x30, 0x06, 0x04, 0x01, 0x05, 0x02, 0x01, 0x07),             // R is no INTEGER
            bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x03, 0x01, 0x07),             // S is no INTEGER
            bytes(0x30, 0x06, 0x02, 0x04, 0x01, 0x02, 0x03, 0x04),             // no room for S
            bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x02, 0x07),             // S longer than what is left
        };
        for (byte[] der : broken) {
            assertThrows(GeneralSecurityException.class, () -> ClientAssertion.concatenated(der, 256),
                    Arrays.toString(der));
        }
        byte[] tooLong = sequence(filled(33, 0x11), filled(32, 0x22), true);
        assertThrows(GeneralSecurityException.class, () -> ClientAssertion.concatenated(tooLong, 256));
    }
}

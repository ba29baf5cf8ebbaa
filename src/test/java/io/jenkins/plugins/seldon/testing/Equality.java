package io.jenkins.plugins.seldon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Checks {@code equals} and {@code hashCode} of a value class both ways, so that neither can be a constant. */
public final class Equality {

    private Equality() {
    }

    /**
     * @param a a value
     * @param sameAsA another instance equal to {@code a}
     * @param different values that differ from {@code a} in one part each
     */
    public static void assertValueEquality(Object a, Object sameAsA, Object... different) {
        assertEquals(a, a);
        assertEquals(a, sameAsA);
        assertEquals(sameAsA, a);
        assertEquals(a.hashCode(), sameAsA.hashCode());
        assertNotEquals(null, a);
        assertNotEquals(a, new Object());
        for (Object d : different) {
            assertNotEquals(a, d);
            assertNotEquals(d, a);
            // Not required of hashCode, but each part that makes values differ should also reach the hash.
            assertNotEquals(a.hashCode(), d.hashCode(), () -> a + " and " + d + " hash alike");
        }
    }
}

package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;

public class Util {
    @CheckForNull
    public static String fixEmpty(@CheckForNull String s) {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public static String fixEmptyAndTrim(@CheckForNull String s) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public static String fixNull(@CheckForNull String s) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public static String escape(@CheckForNull String s) {
        throw new UnsupportedOperationException("stand-in");
    }
}

package hudson.model;

import edu.umd.cs.findbugs.annotations.Nullable;

public class User {
    public static @Nullable User getById(String id, boolean create) {
        throw new UnsupportedOperationException("stand-in");
    }
}

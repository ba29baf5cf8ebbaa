package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {}

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {
            throw new UnsupportedOperationException("stand-in");
        }

        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}

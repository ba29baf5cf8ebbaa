package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;

public class ExtensionList<T> extends AbstractList<T> {
    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stand-in");
    }
}

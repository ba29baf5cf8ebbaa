package org.jenkinsci.plugins.structs.describable;

import java.io.Serializable;
import java.util.Map;

public final class DescribableModel<T> implements Serializable {
    public static <T> DescribableModel<T> of(Class<T> clazz) {
        throw new UnsupportedOperationException("stand-in");
    }

    public T instantiate(Map<String, ?> arguments) throws IllegalArgumentException {
        throw new UnsupportedOperationException("stand-in");
    }

    public UninstantiatedDescribable uninstantiate2(T o) throws UnsupportedOperationException {
        throw new UnsupportedOperationException("stand-in");
    }
}

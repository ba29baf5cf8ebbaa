package hudson.util;

import java.util.Iterator;
import java.util.List;

public class CopyOnWriteList<E> implements Iterable<E> {
    public CopyOnWriteList() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void add(E e) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public Iterator<E> iterator() {
        throw new UnsupportedOperationException("stand-in");
    }

    public List<E> getView() {
        throw new UnsupportedOperationException("stand-in");
    }
}

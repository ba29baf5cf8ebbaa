package hudson.console;

import java.io.IOException;
import java.io.OutputStream;

public abstract class LineTransformationOutputStream extends OutputStream {
    protected abstract void eol(byte[] b, int len) throws IOException;

    @Override
    public void write(int b) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract static class Delegating extends LineTransformationOutputStream {
        protected final OutputStream out;

        protected Delegating(OutputStream out) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}

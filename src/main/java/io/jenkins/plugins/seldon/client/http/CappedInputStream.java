package io.jenkins.plugins.seldon.client.http;

import io.jenkins.plugins.seldon.client.error.AnswerTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Counts the bytes read through it and fails with an {@link AnswerTooLargeException} as soon as more than the limit
 * arrive, so that a parser reading from it directly never holds more than the limit in memory.
 */
final class CappedInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<AnswerTooLargeException> tooLarge;
    private long count;

    CappedInputStream(InputStream in, long limit, Supplier<AnswerTooLargeException> tooLarge) {
        super(in);
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    /** The bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        check();
        int b = in.read();
        if (b >= 0) {
            count++;
            check();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        // One byte more than the limit allows is enough to know that the answer is too large.
        int n = in.read(b, off, (int) Math.min(len, limit - count + 1));
        if (n > 0) {
            count += n;
            check();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        check();
        long skipped = in.skip(Math.min(n, limit - count + 1));
        count += Math.max(skipped, 0);
        check();
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws AnswerTooLargeException {
        if (count > limit) {
            throw tooLarge.get();
        }
    }
}

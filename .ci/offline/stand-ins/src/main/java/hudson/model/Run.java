package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull java.nio.charset.Charset getCharset() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @CheckForNull Result getResult() {
        throw new UnsupportedOperationException("stand-in");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }
}

package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;

public abstract class Actionable {
    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }
}

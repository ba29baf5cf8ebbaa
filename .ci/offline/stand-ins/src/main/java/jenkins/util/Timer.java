package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    @NonNull
    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stand-in");
    }
}

package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public class Tasks {
    public static @NonNull Authentication getAuthenticationOf2(@NonNull Queue.Task t) {
        throw new UnsupportedOperationException("stand-in");
    }
}

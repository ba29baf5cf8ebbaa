package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.PrintStream;

public interface TaskListener {
    @NonNull
    PrintStream getLogger();
}

package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R>
        implements Queue.Executable {
    public final @CheckForNull FilePath getWorkspace() {
        throw new UnsupportedOperationException("stand-in");
    }
}

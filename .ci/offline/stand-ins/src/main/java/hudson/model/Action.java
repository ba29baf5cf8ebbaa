package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public interface Action {
    @CheckForNull String getIconFileName();

    @CheckForNull String getDisplayName();

    @CheckForNull String getUrlName();
}

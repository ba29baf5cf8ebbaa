package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.search.SearchableModelObject;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled, SearchableModelObject {
    @NonNull
    String getName();

    @NonNull
    String getFullName();

    Permission CONFIGURE = standIn();
    Permission READ = standIn();
    Permission EXTENDED_READ = standIn();

    private static <T> T standIn() {
        throw new UnsupportedOperationException("stand-in");
    }
}

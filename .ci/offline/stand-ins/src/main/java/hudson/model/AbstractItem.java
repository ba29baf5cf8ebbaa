package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.security.ACL;

public abstract class AbstractItem extends Actionable implements Item {
    @NonNull
    @Override
    public String getName() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    @Override
    public String getFullName() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("stand-in");
    }
}

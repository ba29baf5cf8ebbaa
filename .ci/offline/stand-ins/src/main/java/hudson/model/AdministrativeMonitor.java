package hudson.model;

import hudson.ExtensionPoint;

public abstract class AdministrativeMonitor implements ExtensionPoint {
    protected AdministrativeMonitor() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract boolean isActivated();

    public boolean isSecurity() {
        throw new UnsupportedOperationException("stand-in");
    }
}

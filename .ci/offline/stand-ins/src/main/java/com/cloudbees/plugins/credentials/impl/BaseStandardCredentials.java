package com.cloudbees.plugins.credentials.impl;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;

public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    @NonNull
    public String getDescription() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public String getId() {
        throw new UnsupportedOperationException("stand-in");
    }
}

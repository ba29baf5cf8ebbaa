package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;

public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}

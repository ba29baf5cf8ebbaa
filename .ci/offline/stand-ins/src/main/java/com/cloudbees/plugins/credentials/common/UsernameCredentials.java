package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.cloudbees.plugins.credentials.Credentials;

public interface UsernameCredentials extends Credentials {
    @NonNull
    String getUsername();
}

package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;

public class BaseCredentials implements Credentials {
    @Override
    public CredentialsScope getScope() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stand-in");
    }
}

package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.security.AccessControlled;
import java.io.IOException;
import java.util.List;

public abstract class CredentialsStore implements AccessControlled {
    public boolean addDomain(@NonNull Domain domain, List<Credentials> credentials) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract boolean addCredentials(@NonNull Domain domain, @NonNull Credentials credentials) throws IOException;
}

package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.security.AccessControlled;
import java.io.IOException;

public abstract class CredentialsStore implements AccessControlled {
    public abstract boolean addCredentials(@NonNull Domain domain, @NonNull Credentials credentials) throws IOException;
}

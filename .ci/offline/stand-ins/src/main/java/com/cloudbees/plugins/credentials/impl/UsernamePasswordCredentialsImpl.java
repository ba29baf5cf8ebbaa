package com.cloudbees.plugins.credentials.impl;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Descriptor;
import hudson.util.Secret;
import org.kohsuke.stapler.DataBoundConstructor;

public class UsernamePasswordCredentialsImpl extends BaseStandardCredentials implements StandardUsernamePasswordCredentials {
    @DataBoundConstructor
    public UsernamePasswordCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, @CheckForNull String username, @CheckForNull String password)
            throws Descriptor.FormException {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public Secret getPassword() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public String getUsername() {
        throw new UnsupportedOperationException("stand-in");
    }
}

package org.jenkinsci.plugins.plaincredentials.impl;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

public final class StringCredentialsImpl extends BaseStandardCredentials implements StringCredentials {
    public StringCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, @NonNull Secret secret) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public Secret getSecret() {
        throw new UnsupportedOperationException("stand-in");
    }
}

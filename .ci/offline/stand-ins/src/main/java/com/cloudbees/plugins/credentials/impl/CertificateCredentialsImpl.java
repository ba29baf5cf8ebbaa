package com.cloudbees.plugins.credentials.impl;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import hudson.model.AbstractDescribableImpl;
import hudson.util.Secret;
import java.io.Serializable;
import java.security.KeyStore;

public class CertificateCredentialsImpl extends BaseStandardCredentials implements StandardCertificateCredentials {
    public CertificateCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, @CheckForNull String password, @NonNull KeyStoreSource keyStoreSource) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public KeyStore getKeyStore() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public Secret getPassword() {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract static class KeyStoreSource extends AbstractDescribableImpl<KeyStoreSource> {}

    public static class PEMEntryKeyStoreSource extends KeyStoreSource implements Serializable {
        public PEMEntryKeyStoreSource(String certChain, String privateKey) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}

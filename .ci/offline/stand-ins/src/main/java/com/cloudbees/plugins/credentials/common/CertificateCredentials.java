package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;
import com.cloudbees.plugins.credentials.Credentials;
import java.security.KeyStore;

public interface CertificateCredentials extends Credentials, PasswordCredentials {
    @NonNull
    KeyStore getKeyStore();
}

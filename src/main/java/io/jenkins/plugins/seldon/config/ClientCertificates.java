package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import io.jenkins.plugins.seldon.credentials.SystemCredentials;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import jenkins.model.Jenkins;

/** Certificate credentials as the client reads them: one private key with its certificate chain. */
final class ClientCertificates {

    private ClientCertificates() {}

    /** A rule the key must follow, throwing {@link IllegalArgumentException} with what to change. */
    @FunctionalInterface
    interface Rule {
        void check(ClientCertificate key);
    }

    /** @throws IllegalArgumentException saying what is wrong with the key store, never showing the key */
    static ClientCertificate of(StandardCertificateCredentials credential) {
        return of(credential.getKeyStore(), credential.getPassword().getPlainText().toCharArray());
    }

    /**
     * @param store as a certificate credential hands it out: the Credentials plugin's own implementation logs why it
     *     could not load a key store and hands out an empty, uninitialised one instead
     * @throws IllegalArgumentException saying what is wrong with the key store, never showing the key
     */
    static ClientCertificate of(KeyStore store, char[] password) {
        try {
            store.size();
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException(Messages.ClientCertificates_notLoaded(), e);
        }
        return ClientCertificate.fromKeyStore(store, password);
    }

    /**
     * Form check of a server's certificate credential that was found by listing ({@code listed}): reads it as the
     * system, for administrators only, and says whether its key is usable under {@code rule}, naming the certificate.
     */
    static FormValidation check(String id, Rule rule, FormValidation listed) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return listed;
        }
        StandardCertificateCredentials credential;
        try {
            credential = SystemCredentials.INSTANCE.find(id, StandardCertificateCredentials.class,
                    Collections.emptyList(), Messages.ClientCertificates_role());
        } catch (AbortException e) {
            // Listing already said what is wrong with the id.
            return listed;
        }
        try {
            ClientCertificate key = of(credential);
            rule.check(key);
            return listed.kind == FormValidation.Kind.OK ? FormValidation.ok(Messages.ClientCertificates_usable(
                    key.describe())) : listed;
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}

package io.jenkins.plugins.seldon.credentials;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The messages of a credential that is missing or of another type, in the words of the Credentials page. */
final class CredentialTypes {

    private CredentialTypes() {}

    /**
     * @param anyType what the id resolves to regardless of type, or null when nothing has that id
     * @param outsideDomains whether a credential of the type has the id but in a domain that excludes where it would be
     *     sent (the Credentials plugin then finds nothing)
     */
    static AbortException missing(String id, Class<?> type, String role, @CheckForNull StandardCredentials anyType,
            boolean outsideDomains) {
        if (outsideDomains) {
            return new AbortException(Messages.CredentialLookup_outsideDomains(id, role));
        }
        return new AbortException(anyType == null
                ? Messages.CredentialLookup_notFound(id, role, name(type))
                : Messages.CredentialLookup_wrongType(id, role, name(type), anyType.getDescriptor().getDisplayName()));
    }

    static String name(Class<?> type) {
        if (type == StandardUsernamePasswordCredentials.class) {
            return Messages.CredentialType_usernamePassword();
        } else if (type == StringCredentials.class) {
            return Messages.CredentialType_secretText();
        } else if (type == FileCredentials.class) {
            return Messages.CredentialType_secretFile();
        } else if (type == StandardCertificateCredentials.class) {
            return Messages.CredentialType_certificate();
        }
        return type.getSimpleName();
    }
}

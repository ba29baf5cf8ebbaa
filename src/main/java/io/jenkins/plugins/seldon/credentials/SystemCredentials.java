package io.jenkins.plugins.seldon.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.AbortException;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credentials an administrator configured on a server (client secret, user, CA file), resolved as the system in
 * Jenkins' own context, as the Credentials plugin's consumer guide prescribes for global configuration. SYSTEM-scoped
 * credentials work, and should be used: jobs cannot read them.
 */
public final class SystemCredentials implements CredentialLookup {

    public static final SystemCredentials INSTANCE = new SystemCredentials();

    private SystemCredentials() {}

    @Override
    public <C extends StandardCredentials> C find(String id, Class<C> type, List<DomainRequirement> requirements,
            String role) throws AbortException {
        C found = CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2, requirements);
        if (found != null) {
            return found;
        }
        throw CredentialTypes.missing(id, type, role,
                CredentialsProvider.findCredentialByIdInItemGroup(id, StandardCredentials.class, Jenkins.get(),
                        ACL.SYSTEM2, requirements));
    }
}

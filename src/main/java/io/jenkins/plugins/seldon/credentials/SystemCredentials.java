package io.jenkins.plugins.seldon.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credentials an administrator configured on a server (client secret, user, CA file), resolved as the system in
 * Jenkins' own context, as the Credentials plugin's consumer guide prescribes for global configuration. SYSTEM-scoped
 * credentials work, and should be used: jobs cannot read them. When a build uses the server, the use is tracked on
 * the build, so the credential's usage lists the jobs that act with it.
 */
public final class SystemCredentials implements CredentialLookup {

    /** For uses outside builds, e.g. testing the connection; nothing is tracked. */
    public static final SystemCredentials INSTANCE = new SystemCredentials(null);

    @CheckForNull
    private final Run<?, ?> run;

    private SystemCredentials(@CheckForNull Run<?, ?> run) {
        this.run = run;
    }

    /** The server's credentials as used by {@code run}, which records each use. */
    public static SystemCredentials usedBy(Run<?, ?> run) {
        return new SystemCredentials(run);
    }

    @Override
    public <C extends StandardCredentials> C find(String id, Class<C> type, List<DomainRequirement> requirements,
            String role) throws AbortException {
        C found = CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2, requirements);
        if (found != null) {
            return run == null ? found : CredentialsProvider.track(run, found);
        }
        throw CredentialTypes.missing(id, type, role,
                CredentialsProvider.findCredentialByIdInItemGroup(id, StandardCredentials.class, Jenkins.get(),
                        ACL.SYSTEM2, requirements),
                !requirements.isEmpty() && CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(),
                        ACL.SYSTEM2, List.of()) != null);
    }

    @Override
    public <C extends StandardCredentials> C lookUp(String id, Class<C> type, List<DomainRequirement> requirements) {
        return CredentialsProvider.findCredentialByIdInItemGroup(id, type, Jenkins.get(), ACL.SYSTEM2, requirements);
    }
}

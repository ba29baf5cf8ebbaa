package io.jenkins.plugins.seldon.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import java.util.List;

/**
 * A build's own credentials (a step's {@code credentialsId:}), resolved in the build's context: folder credentials,
 * the build's authentication and credentials parameters ({@code ${PARAM}}) work as the Credentials plugin defines
 * them, and every use is tracked. SYSTEM-scoped credentials are invisible here, by design.
 */
public final class BuildCredentials implements CredentialLookup {

    private final Run<?, ?> run;
    @CheckForNull
    private final String refusedId;
    private final String refusal;

    /**
     * @param refusedId a credential this build may not use (the server's own, where the server's restrictions forbid
     *     it), compared with what the id actually resolved to, so a parameter naming it is refused as well
     * @param refusal the message when the build names it anyway
     */
    public BuildCredentials(Run<?, ?> run, @CheckForNull String refusedId, String refusal) {
        this.run = run;
        this.refusedId = refusedId;
        this.refusal = refusal;
    }

    @Override
    public <C extends StandardCredentials> C find(String id, Class<C> type, List<DomainRequirement> requirements,
            String role) throws AbortException {
        C found = CredentialsProvider.findCredentialById(id, type, run, requirements);
        if (found == null) {
            throw CredentialTypes.missing(id, type, role,
                    CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, requirements),
                    !requirements.isEmpty() && CredentialsProvider.findCredentialById(id, type, run, List.of()) != null);
        }
        if (found.getId().equals(refusedId)) {
            throw new AbortException(refusal);
        }
        CredentialsProvider.track(run, found);
        return found;
    }

    @Override
    public <C extends StandardCredentials> C lookUp(String id, Class<C> type, List<DomainRequirement> requirements) {
        return CredentialsProvider.findCredentialById(id, type, run, requirements);
    }
}

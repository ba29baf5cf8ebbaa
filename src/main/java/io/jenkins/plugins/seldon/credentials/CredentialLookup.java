package io.jenkins.plugins.seldon.credentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import java.util.List;

/**
 * Where the credentials a setting names come from. There are exactly two: {@link SystemCredentials} for what an
 * administrator configured on a server, resolved as the system in Jenkins' own context, and {@link BuildCredentials}
 * for a build's own {@code credentialsId:}, resolved in the build's context and tracked.
 */
public interface CredentialLookup {

    /**
     * @param id the credentials id
     * @param type the type the caller needs
     * @param domainRequirements derived from the URL the secret is sent to
     * @param role what the credential is for, for messages (e.g. "OIDC client secret")
     * @throws AbortException naming the id and, when it exists with another type, the type expected
     */
    <C extends StandardCredentials> C find(String id, Class<C> type, List<DomainRequirement> domainRequirements, String role)
            throws AbortException;

    /**
     * What {@code id} resolves to where {@code domainRequirements} apply, or {@code null}: for asking whether the
     * credential {@link #find} returned may go to another URL too, which the caller decides by comparing the two (an
     * id may resolve to another credential elsewhere, e.g. a user's own). Refuses and tracks nothing itself (the
     * Credentials plugin tracks a build parameter's credential at each lookup).
     */
    @CheckForNull
    <C extends StandardCredentials> C lookUp(String id, Class<C> type, List<DomainRequirement> domainRequirements);
}

package io.jenkins.plugins.seldon.credentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
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
     * Whether the credential {@link #find} resolved for one URL may be sent to another as well: found by the same id
     * and type where {@code domainRequirements} apply. Nothing is tracked; {@link #find} did that.
     */
    boolean admits(String id, Class<? extends StandardCredentials> type, List<DomainRequirement> domainRequirements);
}

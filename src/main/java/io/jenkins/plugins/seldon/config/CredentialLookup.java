package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.AbortException;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * How an authentication or TLS setting gets the credentials it names. The only implementations live in
 * {@link io.jenkins.plugins.seldon.credentials.SeldonCredentialResolver}, so that builds, the "Test connection" button
 * and every later auth kind resolve credentials by one rule.
 */
@Restricted(NoExternalUse.class)
public interface CredentialLookup {

    /**
     * @param id the credentials id
     * @param type the type the caller needs
     * @param domainRequirements derived from the URL the secret is sent to
     * @param role what the credential is for, for error messages (e.g. "OIDC client id and secret")
     * @throws AbortException naming the id and, when it exists with another type, the expected type
     */
    <C extends StandardCredentials> C find(String id, Class<C> type, List<DomainRequirement> domainRequirements, String role)
            throws AbortException;
}

package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.client.auth.ClientAuthMethod;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.credentials.CredentialLookup;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * OIDC client credentials grant: a service account (confidential client). The client proves itself with a secret (the
 * client id and secret are the user name and password of one credential) or, with a client key, with a JWT signed by
 * the key of a certificate credential ({@code private_key_jwt}, the client id then configured here). A step's
 * {@code credentialsId:} replaces that credential: the id and secret, or the key.
 */
public final class OidcClientCredentialsAuthentication extends AbstractOidcAuthentication {

    private String clientId;

    @DataBoundConstructor
    public OidcClientCredentialsAuthentication(String credentialsId) {
        super(credentialsId);
    }

    /** The client id for a client that authenticates with its key; else it is the user name of the credential. */
    @CheckForNull
    public String getClientId() {
        return clientId;
    }

    @DataBoundSetter
    public void setClientId(String clientId) {
        this.clientId = Util.fixEmptyAndTrim(clientId);
    }

    /** A client key makes the client authenticate with it, and makes it the credential a step replaces. */
    private boolean usesKey() {
        return usesKey(getClientKeyCredentialsId(), getClientAuthentication());
    }

    private static boolean usesKey(@CheckForNull String clientKeyCredentialsId,
            @CheckForNull String clientAuthentication) {
        return Util.fixEmptyAndTrim(clientKeyCredentialsId) != null
                || ClientAuthMethod.PRIVATE_KEY_JWT.wireName().equals(clientAuthentication);
    }

    @Override
    public String overridableCredentialsId() {
        return usesKey() ? getClientKeyCredentialsId() : getCredentialsId();
    }

    @Override
    public Class<? extends StandardCredentials> getOverridableCredentialType() {
        return usesKey() ? StandardCertificateCredentials.class : StandardUsernamePasswordCredentials.class;
    }

    @Override
    protected OidcSettings toOidcSettings(AuthContext context) throws IOException {
        ClientAuthMethod method = clientAuthMethod();
        if (method == ClientAuthMethod.NONE) {
            throw new AbortException(Messages.OidcClientCredentials_noPublicClient());
        }
        if (usesKey()) {
            if (getCredentialsId() != null && getClientKeyCredentialsId() != null) {
                throw new AbortException(Messages.OidcClientCredentials_secretAndKey());
            }
            if (clientId == null) {
                throw new AbortException(Messages.OidcClientCredentials_noClientId());
            }
            AuthContext.JobCredential job = context.jobCredential();
            String id = job != null ? job.id() : getClientKeyCredentialsId();
            if (id == null) {
                throw new AbortException(Messages.OidcClientCredentials_noKey());
            }
            CredentialLookup lookup = job != null ? job.lookup() : context.serverCredentials();
            return build(where(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, clientId))
                    .clientKey(clientKey(lookup, id)));
        }
        StandardUsernamePasswordCredentials c = overridable(context, getCredentialsId(),
                StandardUsernamePasswordCredentials.class, Messages.OidcClientCredentials_noCredential(),
                Messages.OidcClientCredentials_role());
        return build(where(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, c.getUsername()))
                .clientSecret(SecretText.ofNullable(c.getPassword().getPlainText())));
    }

    @Extension
    @Symbol("oidcClientCredentials")
    public static final class DescriptorImpl extends OidcDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.OidcClientCredentials_displayName();
        }

        @Override
        public String getOverrideDescription() {
            return Messages.OidcClientCredentials_override();
        }

        /** Not with a client key, which replaces the client id and secret. */
        @Override
        protected boolean credentialsRequired(@CheckForNull String clientKeyCredentialsId,
                @CheckForNull String clientAuthentication) {
            return !usesKey(clientKeyCredentialsId, clientAuthentication);
        }

        @POST
        public FormValidation doCheckClientId(@QueryParameter String value,
                @QueryParameter String clientKeyCredentialsId, @QueryParameter String clientAuthentication) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return usesKey(clientKeyCredentialsId, clientAuthentication) && Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.error(Messages.OidcClientCredentials_noClientId()) : FormValidation.ok();
        }
    }
}

package io.jenkins.plugins.seldon.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.RelativePath;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.auth.ClientAuthMethod;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The OIDC kinds that act as a user (password grant, refresh token) through a client configured on the server: its
 * id and its proof, a secret (Secret text), a key (certificate credential) or nothing for a public client. The client
 * is always the server's own; a step's {@code credentialsId:} replaces only the user's credential.
 */
public abstract class AbstractOidcUserAuthentication extends AbstractOidcAuthentication {

    private final String clientId;
    private String clientSecretCredentialsId;

    protected AbstractOidcUserAuthentication(String clientId, @CheckForNull String credentialsId) {
        super(credentialsId);
        this.clientId = Util.fixEmptyAndTrim(clientId);
    }

    @CheckForNull
    public String getClientId() {
        return clientId;
    }

    @CheckForNull
    public String getClientSecretCredentialsId() {
        return clientSecretCredentialsId;
    }

    @DataBoundSetter
    public void setClientSecretCredentialsId(String clientSecretCredentialsId) {
        this.clientSecretCredentialsId = Util.fixEmptyAndTrim(clientSecretCredentialsId);
    }

    @Override
    public List<String> serverCredentialsIds() {
        List<String> ids = super.serverCredentialsIds();
        if (clientSecretCredentialsId != null) {
            ids.add(clientSecretCredentialsId);
        }
        return ids;
    }

    /** Settings for {@code grant} with this server's client, its proof resolved as the system. */
    protected OidcSettings.Builder client(OidcGrant grant, AuthContext context) throws AbortException {
        if (clientId == null) {
            throw new AbortException(Messages.OidcUser_noClientId());
        }
        if (clientSecretCredentialsId != null && getClientKeyCredentialsId() != null) {
            throw new AbortException(Messages.OidcUser_secretAndKey());
        }
        OidcSettings.Builder builder = where(OidcSettings.builder(grant, clientId));
        if (clientSecretCredentialsId != null) {
            StringCredentials secret = context.serverCredentials().find(clientSecretCredentialsId,
                    StringCredentials.class, CredentialsForms.requirements(providerDestinations()),
                    Messages.Oidc_clientSecretRole());
            builder.clientSecret(SecretText.ofNullable(secret.getSecret().getPlainText()));
        }
        if (getClientKeyCredentialsId() != null) {
            builder.clientKey(clientKey(context.serverCredentials(), getClientKeyCredentialsId()));
        }
        return builder;
    }

    /** Form methods of the client these kinds share. */
    public abstract static class UserDescriptor extends OidcDescriptor {

        @POST
        public ListBoxModel doFillClientSecretCredentialsIdItems(@QueryParameter String clientSecretCredentialsId,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl,
                @QueryParameter String allowedTokenEndpointOrigin) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null, StringCredentials.class,
                    clientSecretCredentialsId, CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)));
        }

        /** Needed by the secret methods when chosen explicitly; empty otherwise means a public client or a key. */
        @POST
        public FormValidation doCheckClientSecretCredentialsId(@QueryParameter String value,
                @QueryParameter String clientAuthentication, @QueryParameter String issuerUrl,
                @QueryParameter String tokenEndpointUrl, @QueryParameter String allowedTokenEndpointOrigin,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials,
                @RelativePath("..") @QueryParameter boolean jobsMayReceiveTokens) {
            return CredentialsForms.check(CredentialsForms.Context.SERVER, null, StringCredentials.class, value,
                    CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)),
                    usesSecret(clientAuthentication), readableByJobs(allowedFolders, requireJobCredentials, jobsMayReceiveTokens));
        }

        /** Whether the form's method needs a secret; false for automatic and for a name no method has. */
        private static boolean usesSecret(@CheckForNull String clientAuthentication) {
            String method = Util.fixEmptyAndTrim(clientAuthentication);
            try {
                return method != null && ClientAuthMethod.ofWireName(method).usesSecret();
            } catch (IllegalArgumentException e) {
                // Only a hand-made request sends one: the drop-down offers the known names only.
                return false;
            }
        }

        @POST
        public FormValidation doCheckClientId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateRequired(value);
        }
    }
}

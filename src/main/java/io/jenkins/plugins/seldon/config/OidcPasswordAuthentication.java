package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.RelativePath;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * OIDC resource owner password grant, as the Seldon SDK uses it: a user's name and password (one credential) sent
 * with the client id and, for a confidential client, its secret (a secret text credential, always the server's own).
 * A step's {@code credentialsId:} replaces the user credential.
 */
public final class OidcPasswordAuthentication extends AbstractOidcAuthentication {

    private final String clientId;
    private String clientSecretCredentialsId;

    @DataBoundConstructor
    public OidcPasswordAuthentication(String clientId, String credentialsId) {
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

    @Override
    protected OidcSettings toOidcSettings(AuthContext context) throws IOException {
        if (clientId == null) {
            throw new AbortException(Messages.OidcPassword_noClientId());
        }
        StandardUsernamePasswordCredentials user = overridable(context, Messages.OidcPassword_noCredential(),
                Messages.OidcPassword_role());
        OidcSettings.Builder builder = where(OidcSettings.builder(OidcGrant.PASSWORD, clientId))
                .user(user.getUsername(), SecretText.ofNullable(user.getPassword().getPlainText()));
        if (clientSecretCredentialsId != null) {
            StringCredentials secret = context.serverCredentials().find(clientSecretCredentialsId,
                    StringCredentials.class, CredentialsForms.requirements(secretDestinations()),
                    Messages.OidcPassword_clientSecretRole());
            builder.clientSecret(SecretText.ofNullable(secret.getSecret().getPlainText()));
        }
        return builder.build();
    }

    @Extension
    @Symbol("oidcPassword")
    public static final class DescriptorImpl extends OidcDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.OidcPassword_displayName();
        }

        @Override
        public String getOverrideDescription() {
            return Messages.OidcPassword_override();
        }

        @POST
        public ListBoxModel doFillClientSecretCredentialsIdItems(@QueryParameter String clientSecretCredentialsId,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl,
                @QueryParameter String allowedTokenEndpointOrigin) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null, StringCredentials.class,
                    clientSecretCredentialsId, CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)));
        }

        @POST
        public FormValidation doCheckClientSecretCredentialsId(@QueryParameter String value,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl,
                @QueryParameter String allowedTokenEndpointOrigin,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials) {
            return CredentialsForms.check(CredentialsForms.Context.SERVER, null, StringCredentials.class, value,
                    CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)),
                    false, readableByJobs(allowedFolders, requireJobCredentials));
        }

        @POST
        public FormValidation doCheckClientId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateRequired(value);
        }
    }
}

package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * OIDC resource owner password grant, as the Seldon SDK uses it: a user's name and password (one credential) sent
 * with the client id and, for a confidential client, its secret (a secret text credential). A step's
 * {@code credentialsId:} replaces the user credential.
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
    public OidcSettings toOidcSettings(CredentialLookup credentials, @CheckForNull String credentialsIdOverride)
            throws IOException {
        if (clientId == null) {
            throw new AbortException("No OIDC client id is configured for this Seldon server");
        }
        String id = credentialsIdOrOverride(credentialsIdOverride, "No user credential is configured for this Seldon server");
        var requirements = CredentialsForms.requirements(getSecretDestinationUrl());
        StandardUsernamePasswordCredentials user = credentials.find(id, StandardUsernamePasswordCredentials.class,
                requirements, "user name and password");
        OidcSettings.Builder builder = where(OidcSettings.builder(OidcGrant.PASSWORD, clientId))
                .user(user.getUsername(), SecretText.ofNullable(user.getPassword().getPlainText()));
        if (clientSecretCredentialsId != null) {
            StringCredentials secret = credentials.find(clientSecretCredentialsId, StringCredentials.class, requirements,
                    "OIDC client secret");
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
            return "OIDC password grant (user name and password)";
        }

        @Override
        public String getOverrideDescription() {
            return "A step's credentialsId replaces the user name and password credential.";
        }

        @POST
        public ListBoxModel doFillClientSecretCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String clientSecretCredentialsId, @QueryParameter String issuerUrl,
                @QueryParameter String tokenEndpointUrl) {
            return CredentialsForms.fill(item, StringCredentials.class, clientSecretCredentialsId,
                    CredentialsForms.requirements(destination(issuerUrl, tokenEndpointUrl)));
        }

        @POST
        public FormValidation doCheckClientSecretCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl) {
            return CredentialsForms.check(item, StringCredentials.class, value,
                    CredentialsForms.requirements(destination(issuerUrl, tokenEndpointUrl)), false);
        }

        @POST
        public FormValidation doCheckClientId(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return FormValidation.validateRequired(value);
        }
    }
}

package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
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
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * OIDC client credentials grant: a service account (confidential client) whose client id and secret are the user name
 * and password of one Jenkins credential. A step's {@code credentialsId:} replaces that credential.
 */
public final class OidcClientCredentialsAuthentication extends AbstractOidcAuthentication {

    private final String credentialsId;

    @DataBoundConstructor
    public OidcClientCredentialsAuthentication(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public String overridableCredentialsId() {
        return credentialsId;
    }

    @Override
    public Class<? extends StandardCredentials> getOverridableCredentialType() {
        return StandardUsernamePasswordCredentials.class;
    }

    @Override
    public OidcSettings toOidcSettings(CredentialLookup credentials, @CheckForNull String credentialsIdOverride)
            throws IOException {
        String id = credentialsIdOverride != null ? credentialsIdOverride : credentialsId;
        if (id == null) {
            throw new AbortException("No credential with the OIDC client id and secret is configured for this Seldon server");
        }
        StandardUsernamePasswordCredentials c = credentials.find(id, StandardUsernamePasswordCredentials.class,
                CredentialsForms.requirements(getSecretDestinationUrl()), "OIDC client id (user name) and client secret (password)");
        return where(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, c.getUsername()))
                .clientSecret(SecretText.ofNullable(c.getPassword().getPlainText()))
                .build();
    }

    @Extension
    @Symbol("oidcClientCredentials")
    public static final class DescriptorImpl extends OidcDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return "OIDC client credentials (service account)";
        }

        @Override
        public String getOverrideDescription() {
            return "A step's credentialsId replaces the client id and secret credential.";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl) {
            return CredentialsForms.fill(item, StandardUsernamePasswordCredentials.class, credentialsId,
                    CredentialsForms.requirements(Util.fixEmptyAndTrim(tokenEndpointUrl) != null ? tokenEndpointUrl : issuerUrl));
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl) {
            return CredentialsForms.check(item, StandardUsernamePasswordCredentials.class, value,
                    CredentialsForms.requirements(Util.fixEmptyAndTrim(tokenEndpointUrl) != null ? tokenEndpointUrl : issuerUrl), true);
        }

        @POST
        public FormValidation doCheckIssuerUrl(@QueryParameter String value, @QueryParameter String tokenEndpointUrl) {
            return checkUrl(value, tokenEndpointUrl);
        }

        @POST
        public FormValidation doCheckTokenEndpointUrl(@QueryParameter String value, @QueryParameter String issuerUrl) {
            return checkUrl(value, issuerUrl);
        }
    }
}

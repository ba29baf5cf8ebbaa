package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * OIDC client credentials grant: a service account (confidential client) whose client id and secret are the user name
 * and password of one Jenkins credential. A step's {@code credentialsId:} replaces that credential.
 */
public final class OidcClientCredentialsAuthentication extends AbstractOidcAuthentication {

    @DataBoundConstructor
    public OidcClientCredentialsAuthentication(String credentialsId) {
        super(credentialsId);
    }

    @Override
    protected OidcSettings toOidcSettings(AuthContext context) throws IOException {
        StandardUsernamePasswordCredentials c = overridable(context, Messages.OidcClientCredentials_noCredential(),
                Messages.OidcClientCredentials_role());
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
            return Messages.OidcClientCredentials_displayName();
        }

        @Override
        public String getOverrideDescription() {
            return Messages.OidcClientCredentials_override();
        }
    }
}

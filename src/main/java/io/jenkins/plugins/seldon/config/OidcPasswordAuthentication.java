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
 * OIDC resource owner password grant, as the Seldon SDK uses it: a user's name and password (one credential) sent
 * with the client id and, for a confidential client, its proof (a secret or a key, always the server's own). A step's
 * {@code credentialsId:} replaces the user credential.
 */
public final class OidcPasswordAuthentication extends AbstractOidcUserAuthentication {

    @DataBoundConstructor
    public OidcPasswordAuthentication(String clientId, String credentialsId) {
        super(clientId, credentialsId);
    }

    @Override
    protected OidcSettings toOidcSettings(AuthContext context) throws IOException {
        OidcSettings.Builder builder = client(OidcGrant.PASSWORD, context);
        StandardUsernamePasswordCredentials user = overridable(context, getCredentialsId(),
                StandardUsernamePasswordCredentials.class, Messages.OidcPassword_noCredential(),
                Messages.OidcPassword_role());
        return build(builder.user(user.getUsername(), SecretText.ofNullable(user.getPassword().getPlainText())));
    }

    @Extension
    @Symbol("oidcPassword")
    public static final class DescriptorImpl extends UserDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.OidcPassword_displayName();
        }

        @Override
        public String getOverrideDescription() {
            return Messages.OidcPassword_override();
        }
    }
}

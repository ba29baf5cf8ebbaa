package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * OIDC refresh token grant: a refresh (typically offline) token that a person obtained once, e.g. through the
 * authorization code flow, kept in a Secret text credential and exchanged for tokens with the server's client. The
 * newest refresh token the provider returns is kept in memory and used next. A step's {@code credentialsId:} replaces
 * the refresh token.
 */
public final class OidcRefreshTokenAuthentication extends AbstractOidcUserAuthentication {

    @DataBoundConstructor
    public OidcRefreshTokenAuthentication(String clientId, String credentialsId) {
        super(clientId, credentialsId);
    }

    @Override
    public Class<? extends StandardCredentials> getOverridableCredentialType() {
        return StringCredentials.class;
    }

    @Override
    protected OidcSettings toOidcSettings(AuthContext context) throws IOException {
        OidcSettings.Builder builder = client(OidcGrant.REFRESH_TOKEN, context);
        StringCredentials token = overridable(context, getCredentialsId(), StringCredentials.class,
                Messages.OidcRefreshToken_noCredential(), Messages.OidcRefreshToken_role());
        return build(builder.refreshToken(SecretText.ofNullable(token.getSecret().getPlainText().strip())));
    }

    @Extension
    @Symbol("oidcRefreshToken")
    public static final class DescriptorImpl extends UserDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.OidcRefreshToken_displayName();
        }

        @Override
        public String getOverrideDescription() {
            return Messages.OidcRefreshToken_override();
        }

        @Override
        protected Class<? extends StandardCredentials> credentialsType() {
            return StringCredentials.class;
        }
    }
}

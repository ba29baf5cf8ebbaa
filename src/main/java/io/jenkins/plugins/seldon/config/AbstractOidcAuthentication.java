package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.RelativePath;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.credentials.CredentialLookup;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The settings the OIDC grants share: where the token comes from (an issuer, discovered, or an explicit token
 * endpoint), the requested scope, and the user name and password credential a step's {@code credentialsId:} replaces.
 */
public abstract class AbstractOidcAuthentication extends SeldonAuthentication {

    private final String credentialsId;
    private String issuerUrl;
    private String tokenEndpointUrl;
    private String scope;

    protected AbstractOidcAuthentication(@CheckForNull String credentialsId) {
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
    public List<String> serverCredentialsIds() {
        List<String> ids = new ArrayList<>();
        if (credentialsId != null) {
            ids.add(credentialsId);
        }
        return ids;
    }

    @Override
    public Class<? extends StandardCredentials> getOverridableCredentialType() {
        return StandardUsernamePasswordCredentials.class;
    }

    /**
     * The user name and password credential: the job's own when a step names one (resolved in the build's context),
     * else the server's (resolved as the system).
     *
     * @param missing the message when neither is given
     */
    protected StandardUsernamePasswordCredentials overridable(AuthContext context, String missing, String role)
            throws AbortException {
        AuthContext.JobCredential job = context.jobCredential();
        String id = job != null ? job.id() : credentialsId;
        if (id == null) {
            throw new AbortException(missing);
        }
        CredentialLookup lookup = job != null ? job.lookup() : context.serverCredentials();
        return lookup.find(id, StandardUsernamePasswordCredentials.class,
                CredentialsForms.requirements(getSecretDestinationUrl()), role);
    }

    @CheckForNull
    public String getIssuerUrl() {
        return issuerUrl;
    }

    @DataBoundSetter
    public void setIssuerUrl(String issuerUrl) {
        this.issuerUrl = Util.fixEmptyAndTrim(issuerUrl);
    }

    @CheckForNull
    public String getTokenEndpointUrl() {
        return tokenEndpointUrl;
    }

    @DataBoundSetter
    public void setTokenEndpointUrl(String tokenEndpointUrl) {
        this.tokenEndpointUrl = Util.fixEmptyAndTrim(tokenEndpointUrl);
    }

    @CheckForNull
    public String getScope() {
        return scope;
    }

    @DataBoundSetter
    public void setScope(String scope) {
        this.scope = Util.fixEmptyAndTrim(scope);
    }

    @Override
    public String getSecretDestinationUrl() {
        return tokenEndpointUrl != null ? tokenEndpointUrl : issuerUrl;
    }

    /** Turns the resolved credentials into client settings; secrets stay inside the returned object. */
    protected abstract OidcSettings toOidcSettings(AuthContext context) throws IOException;

    @Override
    public RequestAuthenticator authenticator(AuthContext context) throws IOException {
        return new OidcAuthenticator(toOidcSettings(context), context.tls(), context.connectTimeout(),
                context.readTimeout(), context.http(), context.cache());
    }

    /** Applies issuer or token endpoint and scope to the builder, refusing incomplete settings with a clear message. */
    protected OidcSettings.Builder where(OidcSettings.Builder builder) throws AbortException {
        if ((issuerUrl == null) == (tokenEndpointUrl == null)) {
            throw new AbortException(Messages.Oidc_issuerOrTokenEndpoint());
        }
        if (issuerUrl != null) {
            builder.issuer(parseUrl(issuerUrl, Messages.Oidc_issuerUrl()));
        } else {
            builder.tokenEndpoint(parseUrl(tokenEndpointUrl, Messages.Oidc_tokenEndpointUrl()));
        }
        return builder.scope(scope);
    }

    private static URI parseUrl(String url, String what) throws AbortException {
        try {
            URI u = new URI(url);
            // Checked first, and the URL never repeated: user information may hold a password.
            if (u.getRawUserInfo() != null) {
                throw new AbortException(Messages.Oidc_userInfo(what));
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
                throw new AbortException(Messages.Oidc_notHttp(what, url));
            }
            return u;
        } catch (URISyntaxException e) {
            // getMessage() would repeat the whole input.
            throw new AbortException(Messages.Oidc_invalidUrl(what, e.getReason(), e.getIndex()));
        }
    }

    /** Form methods shared by the OIDC kinds. No network access: a typed URL must not make Jenkins connect anywhere. */
    public abstract static class OidcDescriptor extends SeldonAuthenticationDescriptor {

        /** Where the secrets go, for credential domain requirements: the token endpoint if given, else the issuer. */
        protected static String destination(String issuerUrl, String tokenEndpointUrl) {
            return Util.fixEmptyAndTrim(tokenEndpointUrl) != null ? tokenEndpointUrl : issuerUrl;
        }

        /** The warning for a secret of a restricted server that jobs can read, or null when it does not apply. */
        @CheckForNull
        protected static String readableByJobs(@CheckForNull String allowedFolders, boolean requireJobCredentials) {
            return Util.fixEmptyAndTrim(allowedFolders) != null || requireJobCredentials
                    ? Messages.Oidc_globalCredentialOfRestrictedServer() : null;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl) {
            return CredentialsForms.fill(item, StandardUsernamePasswordCredentials.class, credentialsId,
                    CredentialsForms.requirements(destination(issuerUrl, tokenEndpointUrl)));
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials) {
            return CredentialsForms.check(item, StandardUsernamePasswordCredentials.class, value,
                    CredentialsForms.requirements(destination(issuerUrl, tokenEndpointUrl)), true,
                    readableByJobs(allowedFolders, requireJobCredentials));
        }

        @POST
        public FormValidation doCheckIssuerUrl(@QueryParameter String value, @QueryParameter String tokenEndpointUrl) {
            return checkUrl(value, tokenEndpointUrl);
        }

        @POST
        public FormValidation doCheckTokenEndpointUrl(@QueryParameter String value, @QueryParameter String issuerUrl) {
            return checkUrl(value, issuerUrl);
        }

        private static FormValidation checkUrl(String value, String other) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String v = Util.fixEmptyAndTrim(value);
            if (v == null) {
                return Util.fixEmptyAndTrim(other) == null ? FormValidation.error(Messages.Oidc_giveOne())
                        : FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(other) != null) {
                return FormValidation.error(Messages.Oidc_notBoth());
            }
            try {
                parseUrl(v, Messages.Oidc_url());
            } catch (AbortException e) {
                return FormValidation.error(e.getMessage());
            }
            return v.startsWith("http://") ? FormValidation.warning(Messages.Oidc_plainHttp()) : FormValidation.ok();
        }
    }
}

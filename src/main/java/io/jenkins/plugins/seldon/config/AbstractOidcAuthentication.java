package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.RelativePath;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.Urls;
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
    private String allowedTokenEndpointOrigin;

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
                CredentialsForms.requirements(secretDestinations()), role);
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

    @CheckForNull
    public String getAllowedTokenEndpointOrigin() {
        return allowedTokenEndpointOrigin;
    }

    /** The one origin besides the issuer's where a discovered token endpoint may receive the secrets. */
    @DataBoundSetter
    public void setAllowedTokenEndpointOrigin(String allowedTokenEndpointOrigin) {
        this.allowedTokenEndpointOrigin = Util.fixEmptyAndTrim(allowedTokenEndpointOrigin);
    }

    @Override
    public List<String> secretDestinations() {
        return destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin);
    }

    /** Where the secrets go, as {@link OidcSettings#secretDestinations()} says, from the form's values. */
    static List<String> destinations(@CheckForNull String issuerUrl, @CheckForNull String tokenEndpointUrl,
            @CheckForNull String allowedTokenEndpointOrigin) {
        if (given(tokenEndpointUrl)) {
            return List.of(tokenEndpointUrl.strip());
        }
        if (!given(issuerUrl)) {
            return List.of();
        }
        return given(allowedTokenEndpointOrigin) ? List.of(issuerUrl.strip(), allowedTokenEndpointOrigin.strip())
                : List.of(issuerUrl.strip());
    }

    private static boolean given(@CheckForNull String value) {
        return value != null && !value.isBlank();
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
            if (allowedTokenEndpointOrigin != null) {
                builder.allowTokenEndpointOrigin(parseOrigin(allowedTokenEndpointOrigin));
            }
        } else if (allowedTokenEndpointOrigin != null) {
            throw new AbortException(Messages.Oidc_originWithoutIssuer());
        } else {
            builder.tokenEndpoint(parseUrl(tokenEndpointUrl, Messages.Oidc_tokenEndpointUrl()));
        }
        return builder.scope(scope);
    }

    private static URI parseUrl(String url, String what) throws AbortException {
        // Checked first, and the URL never repeated: user information may hold a password, also in a URL typed
        // without its scheme, which URI reads as an opaque URI.
        if (Urls.mayHoldUserInfo(url)) {
            throw new AbortException(Messages.Oidc_userInfo(what));
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
                throw new AbortException(Messages.Oidc_notHttp(what));
            }
            return u;
        } catch (URISyntaxException e) {
            // getMessage() would repeat the whole input.
            throw new AbortException(Messages.Oidc_invalidUrl(what, e.getReason(), e.getIndex()));
        }
    }

    private static URI parseOrigin(String origin) throws AbortException {
        URI u = parseUrl(origin, Messages.Oidc_allowedTokenEndpointOrigin());
        String path = u.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null
                || u.getRawFragment() != null) {
            throw new AbortException(Messages.Oidc_originOnly());
        }
        return u;
    }

    /** Form methods shared by the OIDC kinds. No network access: a typed URL must not make Jenkins connect anywhere. */
    public abstract static class OidcDescriptor extends SeldonAuthenticationDescriptor {

        /** The warning for a secret of a restricted server that jobs can read, or null when it does not apply. */
        @CheckForNull
        protected static String readableByJobs(@CheckForNull String allowedFolders, boolean requireJobCredentials) {
            return Util.fixEmptyAndTrim(allowedFolders) != null || requireJobCredentials
                    ? Messages.Oidc_globalCredentialOfRestrictedServer() : null;
        }

        // The global configuration has no item; a server's credentials are never listed in a job's context.
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl,
                @QueryParameter String allowedTokenEndpointOrigin) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null,
                    StandardUsernamePasswordCredentials.class, credentialsId, CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)));
        }

        /** Required unless jobs must bring their own, in which case the server's is never used. */
        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String issuerUrl,
                @QueryParameter String tokenEndpointUrl, @QueryParameter String allowedTokenEndpointOrigin,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials) {
            return CredentialsForms.check(CredentialsForms.Context.SERVER, null,
                    StandardUsernamePasswordCredentials.class, value, CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)),
                    !requireJobCredentials, readableByJobs(allowedFolders, requireJobCredentials));
        }

        @POST
        public FormValidation doCheckAllowedTokenEndpointOrigin(@QueryParameter String value,
                @QueryParameter String issuerUrl) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String v = Util.fixEmptyAndTrim(value);
            if (v == null) {
                return FormValidation.ok();
            }
            if (Util.fixEmptyAndTrim(issuerUrl) == null) {
                return FormValidation.error(Messages.Oidc_originWithoutIssuer());
            }
            try {
                URI origin = parseOrigin(v);
                if (issuerUrl.trim().regionMatches(true, 0, "https:", 0, 6)
                        && !"https".equalsIgnoreCase(origin.getScheme())) {
                    return FormValidation.error(Messages.Oidc_originNotHttps());
                }
            } catch (AbortException e) {
                return FormValidation.error(e.getMessage());
            }
            return FormValidation.ok();
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

package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.RelativePath;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.Fips;
import io.jenkins.plugins.seldon.client.Urls;
import io.jenkins.plugins.seldon.client.auth.ClientAssertion;
import io.jenkins.plugins.seldon.client.auth.ClientAuthMethod;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import io.jenkins.plugins.seldon.credentials.CredentialLookup;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import jenkins.security.FIPS140;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The settings the OIDC grants share: where the token comes from (an issuer, discovered, or an explicit token
 * endpoint), how the client authenticates there (a secret in the form or as HTTP Basic, a JWT signed with a key from a
 * certificate credential, or nothing for a public client), what the token is requested for (scope, audience,
 * resource), and the credential a step's {@code credentialsId:} replaces, whose type each kind says.
 */
public abstract class AbstractOidcAuthentication extends SeldonAuthentication {

    private final String credentialsId;
    private String issuerUrl;
    private String tokenEndpointUrl;
    private String scope;
    private String allowedTokenEndpointOrigin;
    private String clientAuthentication;
    private String clientKeyCredentialsId;
    private String audience;
    private String resource;

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
        if (clientKeyCredentialsId != null) {
            ids.add(clientKeyCredentialsId);
        }
        return ids;
    }

    @Override
    public Class<? extends StandardCredentials> getOverridableCredentialType() {
        return StandardUsernamePasswordCredentials.class;
    }

    /**
     * The credential a step's {@code credentialsId:} replaces: the job's own when a step names one (resolved in the
     * build's context), else the server's {@code serverId} (resolved as the system).
     *
     * @param missing the message when neither is given
     */
    protected <C extends StandardCredentials> C overridable(AuthContext context, @CheckForNull String serverId,
            Class<C> type, String missing, String role) throws AbortException {
        AuthContext.JobCredential job = context.jobCredential();
        String id = job != null ? job.id() : serverId;
        if (id == null) {
            throw new AbortException(missing);
        }
        CredentialLookup lookup = job != null ? job.lookup() : context.serverCredentials();
        return lookup.find(id, type, CredentialsForms.requirements(providerDestinations()), role);
    }

    /**
     * The key and certificate of a certificate credential, for {@code private_key_jwt}; refused in FIPS mode when the
     * key is too short.
     */
    protected ClientCertificate clientKey(CredentialLookup lookup, String id) throws AbortException {
        StandardCertificateCredentials c = lookup.find(id, StandardCertificateCredentials.class,
                CredentialsForms.requirements(providerDestinations()), Messages.Oidc_clientKeyRole());
        try {
            ClientCertificate key = ClientCertificates.of(c);
            ClientAssertion.algorithm(key);
            if (FIPS140.useCompliantAlgorithms()) {
                Fips.checkKey(key, Messages.Oidc_fipsClientKey());
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.Oidc_unusableClientKey(id, e.getMessage()));
        }
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

    /** The client authentication method's standard name (e.g. {@code client_secret_basic}), or null for automatic. */
    @CheckForNull
    public String getClientAuthentication() {
        return clientAuthentication;
    }

    /** @throws IllegalArgumentException for a name that is not a supported method */
    @DataBoundSetter
    public void setClientAuthentication(String clientAuthentication) {
        String v = Util.fixEmptyAndTrim(clientAuthentication);
        this.clientAuthentication = v == null ? null : ClientAuthMethod.ofWireName(v).wireName();
    }

    /** The certificate credential whose key signs {@code private_key_jwt} client assertions, or null. */
    @CheckForNull
    public String getClientKeyCredentialsId() {
        return clientKeyCredentialsId;
    }

    @DataBoundSetter
    public void setClientKeyCredentialsId(String clientKeyCredentialsId) {
        this.clientKeyCredentialsId = Util.fixEmptyAndTrim(clientKeyCredentialsId);
    }

    @CheckForNull
    public String getAudience() {
        return audience;
    }

    @DataBoundSetter
    public void setAudience(String audience) {
        this.audience = Util.fixEmptyAndTrim(audience);
    }

    @CheckForNull
    public String getResource() {
        return resource;
    }

    @DataBoundSetter
    public void setResource(String resource) {
        this.resource = Util.fixEmptyAndTrim(resource);
    }

    /** The configured method, or null for automatic; a hand-edited unknown name fails the build saying so. */
    @CheckForNull
    protected ClientAuthMethod clientAuthMethod() throws AbortException {
        try {
            return clientAuthentication == null ? null : ClientAuthMethod.ofWireName(clientAuthentication);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** The provider's token endpoint: the API receives tokens only, never these credentials' secrets. */
    @Override
    public List<String> secretDestinations(@CheckForNull String apiUrl) {
        return providerDestinations();
    }

    protected List<String> providerDestinations() {
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

    /**
     * Applies issuer or token endpoint, client authentication method and what the token is for to the builder,
     * refusing incomplete settings, and in FIPS mode plain http, with a clear message.
     */
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
        return builder.clientAuth(clientAuthMethod()).scope(scope).audience(audience).resource(resource);
    }

    /** Builds the settings, turning what they refuse into a build failure that says why. */
    protected static OidcSettings build(OidcSettings.Builder builder) throws AbortException {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
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
            if (FIPS140.useCompliantAlgorithms()) {
                Fips.checkHttps(u, Messages.Oidc_fipsWhat(what));
            }
            return u;
        } catch (URISyntaxException e) {
            // getMessage() would repeat the whole input.
            throw new AbortException(Messages.Oidc_invalidUrl(what, e.getReason(), e.getIndex()));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
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

        /** The type of the server's credential in the {@code credentialsId} field. */
        protected Class<? extends StandardCredentials> credentialsType() {
            return StandardUsernamePasswordCredentials.class;
        }

        // The global configuration has no item; a server's credentials are never listed in a job's context.
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl,
                @QueryParameter String allowedTokenEndpointOrigin) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null, credentialsType(), credentialsId,
                    CredentialsForms.requirements(destinations(issuerUrl, tokenEndpointUrl,
                            allowedTokenEndpointOrigin)));
        }

        /** Required unless jobs must bring their own, in which case the server's is never used. */
        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value, @QueryParameter String issuerUrl,
                @QueryParameter String tokenEndpointUrl, @QueryParameter String allowedTokenEndpointOrigin,
                @QueryParameter String clientKeyCredentialsId, @QueryParameter String clientAuthentication,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials,
                @RelativePath("..") @QueryParameter boolean jobsMayReceiveTokens) {
            return CredentialsForms.check(CredentialsForms.Context.SERVER, null, credentialsType(), value,
                    CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)),
                    !requireJobCredentials && credentialsRequired(clientKeyCredentialsId, clientAuthentication),
                    readableByJobs(allowedFolders, requireJobCredentials, jobsMayReceiveTokens));
        }

        /**
         * Whether the server's {@code credentialsId} is needed (when jobs need not bring their own), given the
         * form's client key and client authentication method.
         */
        protected boolean credentialsRequired(@CheckForNull String clientKeyCredentialsId,
                @CheckForNull String clientAuthentication) {
            return true;
        }

        @POST
        public ListBoxModel doFillClientAuthenticationItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.Oidc_clientAuthenticationAutomatic(), "");
            for (ClientAuthMethod m : ClientAuthMethod.values()) {
                model.add(m.wireName(), m.wireName());
            }
            return model;
        }

        @POST
        public ListBoxModel doFillClientKeyCredentialsIdItems(@QueryParameter String clientKeyCredentialsId,
                @QueryParameter String issuerUrl, @QueryParameter String tokenEndpointUrl,
                @QueryParameter String allowedTokenEndpointOrigin) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null, StandardCertificateCredentials.class,
                    clientKeyCredentialsId, CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)));
        }

        /**
         * Checks that the credential holds one key that can sign client assertions (RSA, or EC P-256) and, in FIPS
         * mode, is long enough: reads the credential as the system, for administrators only, and shows nothing of it
         * but its certificate's subject.
         */
        @POST
        public FormValidation doCheckClientKeyCredentialsId(@QueryParameter String value,
                @QueryParameter String clientAuthentication, @QueryParameter String issuerUrl,
                @QueryParameter String tokenEndpointUrl, @QueryParameter String allowedTokenEndpointOrigin,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials,
                @RelativePath("..") @QueryParameter boolean jobsMayReceiveTokens) {
            boolean required = ClientAuthMethod.PRIVATE_KEY_JWT.wireName().equals(clientAuthentication)
                    && !requireJobCredentials;
            FormValidation listed = CredentialsForms.check(CredentialsForms.Context.SERVER, null,
                    StandardCertificateCredentials.class, value, CredentialsForms.requirements(
                            destinations(issuerUrl, tokenEndpointUrl, allowedTokenEndpointOrigin)),
                    required, readableByJobs(allowedFolders, requireJobCredentials, jobsMayReceiveTokens));
            if (listed.kind == FormValidation.Kind.ERROR || Util.fixEmptyAndTrim(value) == null
                    || value.contains("${")) {
                return listed;
            }
            return ClientCertificates.check(value.trim(), key -> {
                ClientAssertion.algorithm(key);
                if (FIPS140.useCompliantAlgorithms()) {
                    Fips.checkKey(key, Messages.Oidc_fipsClientKey());
                }
            }, listed);
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

package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.RelativePath;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.Urls;
import io.jenkins.plugins.seldon.client.auth.GatewayKind;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.auth.SessionAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SessionSettings;
import io.jenkins.plugins.seldon.credentials.CredentialLookup;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Session login through the authenticating gateway in front of the API, as the Seldon SDK's {@code SessionAuthenticator}
 * does: a user's name and password are filled into the login form the gateway sends the API URL to, and the gateway's
 * session cookies prove the user's identity (see {@link SessionAuthenticator}). A step's {@code credentialsId:}
 * replaces the user credential. There is no bearer token, so {@code withSeldon(exposeToken: true)} is refused.
 */
public final class GatewaySessionAuthentication extends SeldonAuthentication {

    // Not final: readResolve gives XML without it the constructor's default.
    private GatewayKind gateway;
    private final String credentialsId;
    private String sessionCookieName;
    private String dexConnector;
    private String loginOrigin;

    @DataBoundConstructor
    public GatewaySessionAuthentication(@CheckForNull GatewayKind gateway, @CheckForNull String credentialsId) {
        this.gateway = gateway == null ? GatewayKind.OIDC_AUTHSERVICE : gateway;
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    private Object readResolve() {
        if (gateway == null) {
            gateway = GatewayKind.OIDC_AUTHSERVICE;
        }
        return this;
    }

    public GatewayKind getGateway() {
        return gateway;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    /** The session cookie's name, or null for the gateway's default. */
    @CheckForNull
    public String getSessionCookieName() {
        return sessionCookieName;
    }

    @DataBoundSetter
    public void setSessionCookieName(String sessionCookieName) {
        this.sessionCookieName = Util.fixEmptyAndTrim(sessionCookieName);
    }

    /** The Dex connector to choose when Dex offers several, or null. */
    @CheckForNull
    public String getDexConnector() {
        return dexConnector;
    }

    @DataBoundSetter
    public void setDexConnector(String dexConnector) {
        this.dexConnector = Util.fixEmptyAndTrim(dexConnector);
    }

    /** The one origin besides the gateway's that may receive the password, or null. */
    @CheckForNull
    public String getLoginOrigin() {
        return loginOrigin;
    }

    @DataBoundSetter
    public void setLoginOrigin(String loginOrigin) {
        this.loginOrigin = Util.fixEmptyAndTrim(loginOrigin);
    }

    /** Requests carry the gateway's session cookies, which are not handed to jobs. */
    @Override
    public boolean issuesBearerTokens() {
        return false;
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

    /** The password goes to the gateway (the API's origin) and the allowed login origin only. */
    @Override
    public List<String> secretDestinations(@CheckForNull String apiUrl) {
        return destinations(apiUrl, loginOrigin);
    }

    @Override
    public RequestAuthenticator authenticator(AuthContext context) throws IOException {
        AuthContext.JobCredential job = context.jobCredential();
        String id = job != null ? job.id() : credentialsId;
        if (id == null) {
            throw new AbortException(Messages.GatewaySession_noCredential());
        }
        CredentialLookup lookup = job != null ? job.lookup() : context.serverCredentials();
        StandardUsernamePasswordCredentials user = lookup.find(id, StandardUsernamePasswordCredentials.class,
                CredentialsForms.requirements(secretDestinations(context.apiUrl().toString())),
                Messages.GatewaySession_role());
        SessionSettings settings;
        try {
            settings = builder(context.apiUrl())
                    .user(user.getUsername(), SecretText.ofNullable(user.getPassword().getPlainText())).build();
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.GatewaySession_invalid(e.getMessage()));
        }
        return new SessionAuthenticator(settings, context.tls(), context.connectTimeout(), context.readTimeout(),
                context.http(), context.cache());
    }

    /** @throws IllegalArgumentException naming what is wrong, never repeating a URL that may hold a password */
    private SessionSettings.Builder builder(URI apiUrl) {
        URI origin = null;
        if (loginOrigin != null) {
            if (Urls.mayHoldUserInfo(loginOrigin)) {
                throw new IllegalArgumentException(Messages.GatewaySession_originUserInfo());
            }
            try {
                origin = new URI(loginOrigin);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(Messages.GatewaySession_originInvalid(e.getReason()), e);
            }
        }
        return SessionSettings.builder(apiUrl, gateway).cookieName(sessionCookieName).dexConnector(dexConnector)
                .loginOrigin(origin);
    }

    /** Where the password may go: the API URL's origin and the login origin, as far as they are given. */
    static List<String> destinations(@CheckForNull String apiUrl, @CheckForNull String loginOrigin) {
        List<String> urls = new ArrayList<>(apiOrigin(apiUrl));
        if (loginOrigin != null && !loginOrigin.isBlank()) {
            urls.add(loginOrigin.strip());
        }
        return urls;
    }

    /**
     * Checks one setting as the client will: settings with it and placeholders for the rest, refused as the client
     * refuses them.
     */
    static FormValidation check(GatewaySessionAuthentication settings, @CheckForNull String apiUrl) {
        try {
            URI api = apiUrl == null || apiUrl.isBlank() ? URI.create("https://gateway.invalid")
                    : ServerSettings.normaliseApiUrl(apiUrl);
            settings.builder(api).user("user", SecretText.of("password")).build();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @Extension
    @Symbol("gatewaySession")
    public static final class DescriptorImpl extends SeldonAuthenticationDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GatewaySession_displayName();
        }

        @Override
        public String getOverrideDescription() {
            return Messages.GatewaySession_override();
        }

        @POST
        public ListBoxModel doFillGatewayItems() {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            ListBoxModel items = new ListBoxModel();
            for (GatewayKind kind : GatewayKind.values()) {
                items.add(kind.defaultCookie() == null ? Messages.GatewaySession_otherGateway()
                        : Messages.GatewaySession_gatewayItem(kind.displayName(), kind.defaultCookie()), kind.name());
            }
            return items;
        }

        // The global configuration has no item; a server's credentials are never listed in a job's context.
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId,
                @RelativePath("..") @QueryParameter String apiUrl, @QueryParameter String loginOrigin) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null,
                    StandardUsernamePasswordCredentials.class, credentialsId,
                    CredentialsForms.requirements(destinations(apiUrl, loginOrigin)));
        }

        /** Required unless jobs must bring their own, in which case the server's is never used. */
        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value,
                @RelativePath("..") @QueryParameter String apiUrl, @QueryParameter String loginOrigin,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials,
                @RelativePath("..") @QueryParameter boolean jobsMayReceiveTokens) {
            return CredentialsForms.check(CredentialsForms.Context.SERVER, null,
                    StandardUsernamePasswordCredentials.class, value,
                    CredentialsForms.requirements(destinations(apiUrl, loginOrigin)), !requireJobCredentials,
                    AbstractOidcAuthentication.OidcDescriptor.readableByJobs(allowedFolders, requireJobCredentials, jobsMayReceiveTokens));
        }

        @POST
        public FormValidation doCheckSessionCookieName(@QueryParameter String value, @QueryParameter String gateway) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            GatewaySessionAuthentication settings = new GatewaySessionAuthentication(kind(gateway), null);
            settings.setSessionCookieName(value);
            return check(settings, null);
        }

        @POST
        public FormValidation doCheckDexConnector(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            GatewaySessionAuthentication settings = new GatewaySessionAuthentication(null, null);
            settings.setDexConnector(value);
            return check(settings, null);
        }

        @POST
        public FormValidation doCheckLoginOrigin(@QueryParameter String value,
                @RelativePath("..") @QueryParameter String apiUrl) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            GatewaySessionAuthentication settings = new GatewaySessionAuthentication(null, null);
            settings.setLoginOrigin(value);
            return check(settings, apiUrl);
        }

        private static GatewayKind kind(@CheckForNull String name) {
            for (GatewayKind kind : GatewayKind.values()) {
                if (kind.name().equals(name)) {
                    return kind;
                }
            }
            return GatewayKind.OIDC_AUTHSERVICE;
        }
    }
}

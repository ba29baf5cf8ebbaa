package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.DescriptorExtensionList;
import hudson.ExtensionPoint;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * How Jenkins proves its identity to one Seldon server. Each kind is a subclass with its own descriptor, so new kinds
 * appear in the server's drop-down and in JCasC without changing {@link SeldonServer}.
 */
public abstract class SeldonAuthentication implements Describable<SeldonAuthentication>, ExtensionPoint {

    /**
     * Builds the authenticator for one use of the server. The kind's own credentials come from
     * {@link AuthContext#serverCredentials()}; the one a step's {@code credentialsId:} replaces comes from
     * {@link AuthContext#jobCredential()} when given.
     *
     * @throws IOException when a credential is missing or of the wrong type, or the settings are incomplete
     */
    public abstract RequestAuthenticator authenticator(AuthContext context) throws IOException;

    /**
     * The type of the credential a step's {@code credentialsId:} replaces, so that forms can list matching
     * credentials.
     */
    public abstract Class<? extends StandardCredentials> getOverridableCredentialType();

    /**
     * The id of the configured credential that a step's {@code credentialsId:} replaces, or null; a server that
     * requires jobs to bring their own credentials refuses a job that names this one.
     */
    @CheckForNull
    public abstract String overridableCredentialsId();

    /** Every credential id this kind resolves as the system, for the check that jobs cannot read them. */
    public abstract List<String> serverCredentialsIds();

    /**
     * The URLs the credentials' secrets may be sent to, for credential domain requirements; empty when unknown.
     *
     * @param apiUrl the server's API URL, where a token or a gateway login goes; may be null or invalid in a form
     */
    public abstract List<String> secretDestinations(@CheckForNull String apiUrl);

    /**
     * Whether requests carry a bearer token that a job could be handed ({@code withSeldon(exposeToken: true)}); a
     * kind that authenticates otherwise (e.g. a gateway session) says no, so the request is refused before any login.
     */
    public boolean issuesBearerTokens() {
        return true;
    }

    /**
     * The origin of a server's API URL, for the domain requirements of a secret sent there; empty when it is not a
     * usable API URL, which the API URL's own check reports.
     */
    static List<String> apiOrigin(@CheckForNull String apiUrl) {
        if (apiUrl == null || apiUrl.isBlank()) {
            return List.of();
        }
        try {
            URI api = ServerSettings.normaliseApiUrl(apiUrl);
            return List.of(api.getScheme() + "://" + api.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    @Override
    public SeldonAuthenticationDescriptor getDescriptor() {
        return (SeldonAuthenticationDescriptor) Jenkins.get().getDescriptorOrDie(getClass());
    }

    public static DescriptorExtensionList<SeldonAuthentication, SeldonAuthenticationDescriptor> all() {
        return Jenkins.get().getDescriptorList(SeldonAuthentication.class);
    }

    /** Base of every auth kind's descriptor. */
    public abstract static class SeldonAuthenticationDescriptor extends Descriptor<SeldonAuthentication> {
        protected SeldonAuthenticationDescriptor() {
            super();
        }

        /** Says in the form which credential a step's {@code credentialsId:} replaces. */
        public abstract String getOverrideDescription();

        /**
         * The warning for a secret of a restricted server that jobs can read, or null when it does not apply: restricted
         * as {@link SeldonServer#isRestricted()} says, so that the form agrees with the administrative monitor.
         */
        @CheckForNull
        protected static String readableByJobs(@CheckForNull String allowedFolders, boolean requireJobCredentials,
                boolean jobsMayReceiveTokens) {
            return Util.fixEmptyAndTrim(allowedFolders) != null || requireJobCredentials || !jobsMayReceiveTokens
                    ? Messages.SeldonAuthentication_globalCredentialOfRestrictedServer() : null;
        }
    }
}

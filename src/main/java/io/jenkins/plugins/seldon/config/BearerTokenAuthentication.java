package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.RelativePath;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.auth.BearerTokenAuthenticator;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.credentials.CredentialLookup;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A token issued beforehand, from a Secret text credential, sent to the API as the bearer as it is: nothing asks a
 * provider for another one, so the API refusing it (expired, revoked) ends the call. A step's {@code credentialsId:}
 * replaces the token.
 */
public final class BearerTokenAuthentication extends SeldonAuthentication {

    private final String credentialsId;

    @DataBoundConstructor
    public BearerTokenAuthentication(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public RequestAuthenticator authenticator(AuthContext context) throws AbortException {
        AuthContext.JobCredential job = context.jobCredential();
        String id = job != null ? job.id() : credentialsId;
        if (id == null) {
            throw new AbortException(Messages.BearerToken_noCredential());
        }
        CredentialLookup lookup = job != null ? job.lookup() : context.serverCredentials();
        // The token itself goes to the API: a credential whose domain excludes the API's host is not sent there.
        StringCredentials token = lookup.find(id, StringCredentials.class,
                CredentialsForms.requirements(secretDestinations(context.apiUrl().toString())), Messages.BearerToken_role());
        // Predictions carry the token to the inference URL too, where the credential's domain includes that origin as
        // well (checked as the API's: by origin). The id might resolve to another credential there: compare secrets.
        URI inference = context.inferenceUrl();
        String notToInference = null;
        if (inference != null) {
            StringCredentials there = lookup.lookUp(id, StringCredentials.class, CredentialsForms.requirements(
                    List.of(inference.getScheme() + "://" + inference.getRawAuthority())));
            if (there == null || !there.getSecret().equals(token.getSecret())) {
                notToInference = Messages.BearerToken_notToInference(id, inference);
            }
        }
        try {
            return new BearerTokenAuthenticator(SecretText.of(token.getSecret().getPlainText()),
                    Messages.BearerToken_source(id), Clock.systemUTC(), notToInference);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Override
    public Class<? extends StandardCredentials> getOverridableCredentialType() {
        return StringCredentials.class;
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

    /** The token goes to the API's origin; to the inference URL too where its domain admits it (see authenticator). */
    @Override
    public List<String> secretDestinations(@CheckForNull String apiUrl) {
        return apiOrigin(apiUrl);
    }

    @Extension
    @Symbol("bearerToken")
    public static final class DescriptorImpl extends SeldonAuthenticationDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BearerToken_displayName();
        }

        @Override
        public String getOverrideDescription() {
            return Messages.BearerToken_override();
        }

        // The global configuration has no item; a server's credentials are never listed in a job's context.
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId,
                @RelativePath("..") @QueryParameter String apiUrl) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null, StringCredentials.class, credentialsId,
                    CredentialsForms.requirements(apiOrigin(apiUrl)));
        }

        /** Required unless jobs must bring their own, in which case the server's is never used. */
        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value,
                @RelativePath("..") @QueryParameter String apiUrl,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials,
                @RelativePath("..") @QueryParameter boolean jobsMayReceiveTokens) {
            return CredentialsForms.check(CredentialsForms.Context.SERVER, null, StringCredentials.class, value,
                    CredentialsForms.requirements(apiOrigin(apiUrl)), !requireJobCredentials,
                    readableByJobs(allowedFolders, requireJobCredentials, jobsMayReceiveTokens));
        }
    }
}

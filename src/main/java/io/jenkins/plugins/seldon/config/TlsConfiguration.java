package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.RelativePath;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.client.Fips;
import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.security.FIPS140;
import org.jenkinsci.Symbol;
import io.jenkins.plugins.seldon.credentials.CredentialLookup;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * How connections to one server (API, OIDC provider, login gateway) check certificates, and the client certificate
 * they present where a server asks for one (mutual TLS). Verification is always on unless an administrator opts out
 * for this server; an extra CA certificate can be given inline (certificates are not secret) or as a secret file
 * credential holding PEM; the client certificate and its key come from a certificate credential. Credentials are
 * resolved as the system like every credential of a server. A missing block means "verify against the JVM's trust
 * store, present no client certificate". In FIPS mode, verification cannot be skipped and short client keys are
 * refused.
 */
public final class TlsConfiguration implements Describable<TlsConfiguration> {

    private static final Logger LOGGER = Logger.getLogger(TlsConfiguration.class.getName());

    private String caCertificate;
    private String caCredentialsId;
    private boolean skipVerification;
    private String clientCertificateCredentialsId;

    @DataBoundConstructor
    public TlsConfiguration() {}

    /** Inline PEM, or null. */
    @CheckForNull
    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Util.fixEmptyAndTrim(caCertificate);
    }

    @CheckForNull
    public String getCaCredentialsId() {
        return caCredentialsId;
    }

    @DataBoundSetter
    public void setCaCredentialsId(String caCredentialsId) {
        this.caCredentialsId = Util.fixEmptyAndTrim(caCredentialsId);
    }

    /** The certificate credential presented to servers that require a client certificate, or null. */
    @CheckForNull
    public String getClientCertificateCredentialsId() {
        return clientCertificateCredentialsId;
    }

    @DataBoundSetter
    public void setClientCertificateCredentialsId(String clientCertificateCredentialsId) {
        this.clientCertificateCredentialsId = Util.fixEmptyAndTrim(clientCertificateCredentialsId);
    }

    public boolean isSkipVerification() {
        return skipVerification;
    }

    /** @throws IllegalArgumentException in FIPS mode, where certificates must always be verified */
    @DataBoundSetter
    public void setSkipVerification(boolean skipVerification) {
        if (skipVerification && FIPS140.useCompliantAlgorithms()) {
            throw new IllegalArgumentException(Messages.Tls_fipsRefused());
        }
        this.skipVerification = skipVerification;
    }

    private Object readResolve() {
        if (skipVerification && FIPS140.useCompliantAlgorithms()) {
            // Loading must not fail (the rest of the configuration would be lost); verifying is the safe reading.
            LOGGER.log(Level.WARNING, "Ignoring \"skip TLS verification\" for a Seldon server: Jenkins runs in FIPS mode");
            skipVerification = false;
        }
        return this;
    }

    /**
     * The client settings, with the CA from the credential if one is named. In FIPS mode this never returns insecure
     * settings, whatever was configured.
     *
     * @param credentials the server's own credentials (resolved as the system)
     */
    public TlsSettings toTlsSettings(CredentialLookup credentials) throws IOException {
        TlsSettings trust = trust(credentials);
        if (clientCertificateCredentialsId == null) {
            return trust;
        }
        StandardCertificateCredentials c = credentials.find(clientCertificateCredentialsId,
                StandardCertificateCredentials.class, Collections.emptyList(), Messages.Tls_clientCertificateRole());
        try {
            return trust.withClientCertificate(compliant(ClientCertificates.of(c)));
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.Tls_unusableClientCertificate(clientCertificateCredentialsId,
                    e.getMessage()));
        }
    }

    /** @throws IllegalArgumentException in FIPS mode, for a key or certificate that does not comply */
    private static ClientCertificate compliant(ClientCertificate certificate) {
        if (FIPS140.useCompliantAlgorithms()) {
            Fips.checkKey(certificate, Messages.Tls_fipsClientCertificate());
        }
        return certificate;
    }

    /** How the server's certificate is checked. */
    private TlsSettings trust(CredentialLookup credentials) throws IOException {
        if (skipVerification && !FIPS140.useCompliantAlgorithms()) {
            return TlsSettings.insecure();
        }
        StringBuilder pem = new StringBuilder();
        if (caCertificate != null) {
            pem.append(caCertificate).append('\n');
        }
        if (caCredentialsId != null) {
            FileCredentials file = credentials.find(caCredentialsId, FileCredentials.class, Collections.emptyList(),
                    Messages.Tls_caRole());
            try (InputStream in = file.getContent()) {
                pem.append(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).append('\n');
            }
        }
        if (pem.length() == 0) {
            return TlsSettings.verify();
        }
        checkPem(pem.toString());
        return TlsSettings.withExtraCa(pem.toString());
    }

    static void checkPem(String pem) throws AbortException {
        try {
            if (CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).isEmpty()) {
                throw new AbortException(Messages.Tls_noCertificate());
            }
        } catch (CertificateException e) {
            throw new AbortException(Messages.Tls_invalidPem(e.getMessage()));
        }
    }

    /** Whether this is the default (verify against the JVM's trust store, nothing added). */
    boolean isDefault() {
        return caCertificate == null && caCredentialsId == null && !skipVerification
                && clientCertificateCredentialsId == null;
    }

    @Extension
    @Symbol("tls")
    public static final class DescriptorImpl extends Descriptor<TlsConfiguration> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Tls_displayName();
        }

        @POST
        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                checkPem(value);
                return FormValidation.ok();
            } catch (AbortException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckSkipVerification(@QueryParameter boolean value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (!value) {
                return FormValidation.ok();
            }
            if (FIPS140.useCompliantAlgorithms()) {
                return FormValidation.error(Messages.Tls_fipsRefused());
            }
            return FormValidation.warning(Messages.Tls_skipWarning());
        }

        @POST
        public ListBoxModel doFillCaCredentialsIdItems(@QueryParameter String caCredentialsId) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null, FileCredentials.class,
                    caCredentialsId, Collections.emptyList());
        }

        @POST
        public FormValidation doCheckCaCredentialsId(@QueryParameter String value) {
            return CredentialsForms.check(CredentialsForms.Context.SERVER, null, FileCredentials.class, value,
                    Collections.emptyList(), false, null);
        }

        @POST
        public ListBoxModel doFillClientCertificateCredentialsIdItems(
                @QueryParameter String clientCertificateCredentialsId) {
            return CredentialsForms.fill(CredentialsForms.Context.SERVER, null, StandardCertificateCredentials.class,
                    clientCertificateCredentialsId, Collections.emptyList());
        }

        /**
         * Checks that the credential holds one private key with its certificate and, in FIPS mode, that the key is
         * long enough: read as the system, for administrators only, showing only the certificate's subject.
         */
        @POST
        public FormValidation doCheckClientCertificateCredentialsId(@QueryParameter String value,
                @RelativePath("..") @QueryParameter String allowedFolders,
                @RelativePath("..") @QueryParameter boolean requireJobCredentials,
                @RelativePath("..") @QueryParameter boolean jobsMayReceiveTokens) {
            FormValidation listed = CredentialsForms.check(CredentialsForms.Context.SERVER, null,
                    StandardCertificateCredentials.class, value, Collections.emptyList(), false,
                    SeldonAuthentication.SeldonAuthenticationDescriptor.readableByJobs(allowedFolders,
                            requireJobCredentials, jobsMayReceiveTokens));
            if (listed.kind == FormValidation.Kind.ERROR || Util.fixEmptyAndTrim(value) == null
                    || value.contains("${")) {
                return listed;
            }
            return ClientCertificates.check(value.trim(), key -> {
                if (FIPS140.useCompliantAlgorithms()) {
                    Fips.checkKey(key, Messages.Tls_fipsClientCertificate());
                }
            }, listed);
        }
    }
}

package io.jenkins.plugins.seldon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class SeldonCascTest {

    @Test
    @ConfiguredWithCode("seldon-casc.yml")
    void configuresAndExportsServers(JenkinsConfiguredWithCodeRule j) throws Exception {
        SeldonGlobalConfiguration config = SeldonGlobalConfiguration.get();
        assertEquals(2, config.getServers().size());

        SeldonServer prod = config.findServer("prod");
        assertEquals("https://seldon.example.com/seldon-deploy/api/v1alpha1", prod.getApiUrl());
        OidcClientCredentialsAuthentication cc = assertInstanceOf(OidcClientCredentialsAuthentication.class,
                prod.getAuthentication());
        assertEquals("seldon-client", cc.getCredentialsId());
        assertEquals("https://seldon.example.com/auth/realms/deploy-realm", cc.getIssuerUrl());
        assertEquals("https://keycloak-internal.example.com:8443", cc.getAllowedTokenEndpointOrigin());
        assertEquals("teams/ml", prod.getAllowedFolders());
        assertEquals(20, prod.getConnectTimeoutSeconds());
        assertEquals("https://seldon.example.com", prod.getInferenceUrl(), "normalised without the trailing slash");
        assertNull(prod.getTls(), "an absent tls block means verify against the JVM's trust store");
        assertFalse(prod.isJobsMayReceiveTokens(), "jobs receive no server token unless allowed");
        assertFalse(prod.isApiStepEnabled(), "seldonApi is off unless allowed");
        assertNull(prod.getApiStepAllowedPaths());
        assertEquals("staging", config.getDefaultServer());

        SeldonServer staging = config.findServer("staging");
        OidcPasswordAuthentication pw = assertInstanceOf(OidcPasswordAuthentication.class, staging.getAuthentication());
        assertEquals("sd-api", pw.getClientId());
        assertEquals("sd-api-secret", pw.getClientSecretCredentialsId());
        assertEquals("seldon-ca", staging.getTls().getCaCredentialsId());
        assertTrue(staging.isRequireJobCredentials());
        assertTrue(staging.isJobsMayReceiveTokens());
        assertTrue(staging.isApiStepEnabled());
        assertEquals("GET /namespaces/*/seldondeployments/**\nGET /user", staging.getApiStepAllowedPaths(),
                "normalised: comments and blank lines dropped");

        String exported = j.exportToString(false);
        assertTrue(exported.contains("seldon:"), exported);
        assertTrue(exported.contains("oidcClientCredentials"), exported);
        assertTrue(exported.contains("allowedTokenEndpointOrigin: \"https://keycloak-internal.example.com:8443\""),
                exported);
        assertTrue(exported.contains("name: \"staging\""), exported);
        assertTrue(exported.contains("defaultServer: \"staging\""), exported);
        assertTrue(exported.contains("apiStepEnabled: true"), exported);
    }

    @Test
    @ConfiguredWithCode("seldon-casc-auth.yml")
    void configuresAndExportsEveryAuthenticationKind(JenkinsConfiguredWithCodeRule j) throws Exception {
        SeldonGlobalConfiguration config = SeldonGlobalConfiguration.get();

        SeldonServer token = config.findServer("token");
        assertEquals("seldon-token", assertInstanceOf(BearerTokenAuthentication.class, token.getAuthentication())
                .getCredentialsId());
        assertEquals("jenkins-client-cert", token.getTls().getClientCertificateCredentialsId());

        OidcRefreshTokenAuthentication offline = assertInstanceOf(OidcRefreshTokenAuthentication.class,
                config.findServer("offline").getAuthentication());
        assertEquals("jenkins", offline.getClientId());
        assertEquals("jenkins-client-secret", offline.getClientSecretCredentialsId());
        assertEquals("client_secret_basic", offline.getClientAuthentication());
        assertEquals("seldon-offline-token", offline.getCredentialsId());

        OidcClientCredentialsAuthentication entra = assertInstanceOf(OidcClientCredentialsAuthentication.class,
                config.findServer("entra").getAuthentication());
        assertNull(entra.getCredentialsId());
        assertEquals("jenkins-signing-key", entra.getClientKeyCredentialsId());
        assertEquals("jenkins-signing-key", entra.overridableCredentialsId(), "a step replaces the key");
        assertEquals("private_key_jwt", entra.getClientAuthentication());
        assertEquals("api://seldon", entra.getResource());

        OidcPasswordAuthentication publicClient = assertInstanceOf(OidcPasswordAuthentication.class,
                config.findServer("public").getAuthentication());
        assertEquals("none", publicClient.getClientAuthentication());
        assertEquals("seldon", publicClient.getAudience());
        assertNull(publicClient.getClientSecretCredentialsId());

        String exported = j.exportToString(false);
        for (String expected : List.of("bearerToken:", "credentialsId: \"seldon-token\"",
                "clientCertificateCredentialsId: \"jenkins-client-cert\"", "oidcRefreshToken:",
                "clientAuthentication: \"client_secret_basic\"", "credentialsId: \"seldon-offline-token\"",
                "clientKeyCredentialsId: \"jenkins-signing-key\"", "clientAuthentication: \"private_key_jwt\"",
                "resource: \"api://seldon\"", "clientAuthentication: \"none\"", "audience: \"seldon\"")) {
            assertTrue(exported.contains(expected), expected + " in\n" + exported);
        }
    }
}

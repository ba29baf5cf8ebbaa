package io.jenkins.plugins.seldon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

@WithJenkins
class SeldonGlobalConfigurationTest {

    private static SeldonServer.DescriptorImpl serverDescriptor(JenkinsRule j) {
        return j.jenkins.getDescriptorByType(SeldonServer.DescriptorImpl.class);
    }

    @Test
    void configurationSurvivesTheConfigurePage(JenkinsRule j) throws Exception {
        OidcPasswordAuthentication auth = new OidcPasswordAuthentication("sd-api", "seldon-user");
        auth.setIssuerUrl("https://seldon.example.com/auth/realms/deploy-realm");
        auth.setScope("openid profile email groups");
        SeldonServer server = new SeldonServer("prod", "https://seldon.example.com/", auth);
        TlsConfiguration tls = new TlsConfiguration();
        tls.setCaCredentialsId("seldon-ca");
        server.setTls(tls);
        server.setReadTimeoutSeconds(30);
        server.setAllowedFolders("teams/ml\nteams/data");
        server.setJobsMayReceiveTokens(true);
        SeldonServer plain = new SeldonServer("staging", "https://staging.example.com",
                new OidcClientCredentialsAuthentication("seldon-client"));
        SeldonGlobalConfiguration.get().setServers(List.of(server, plain));
        SeldonGlobalConfiguration.get().setDefaultServer("staging");

        j.configRoundtrip();

        SeldonServer after = SeldonGlobalConfiguration.get().findServer("prod");
        j.assertEqualDataBoundBeans(server, after);
        assertEquals("https://seldon.example.com/seldon-deploy/api/v1alpha1", after.getApiUrl());
        j.assertEqualDataBoundBeans(plain, SeldonGlobalConfiguration.get().findServer("staging"));
        assertEquals("staging", SeldonGlobalConfiguration.get().getDefaultServer());
    }

    @Test
    void invariantsHoldWithoutTheForm(JenkinsRule j) {
        OidcClientCredentialsAuthentication auth = new OidcClientCredentialsAuthentication("c");
        SeldonServer a = new SeldonServer("same", "https://a.example.com", auth);
        SeldonServer b = new SeldonServer("same", "https://b.example.com", auth);
        assertThrows(IllegalArgumentException.class, () -> SeldonGlobalConfiguration.get().setServers(List.of(a, b)));
        assertThrows(IllegalArgumentException.class, () -> new SeldonServer("x", "ftp://a.example.com", auth));
        assertThrows(IllegalArgumentException.class, () -> new SeldonServer(" ", "https://a.example.com", auth));
    }

    @Test
    void issuerUrlWithUserInformationIsRefusedWithoutRepeatingIt(JenkinsRule j) {
        OidcClientCredentialsAuthentication.DescriptorImpl d =
                j.jenkins.getDescriptorByType(OidcClientCredentialsAuthentication.DescriptorImpl.class);
        FormValidation v = d.doCheckIssuerUrl("https://sd-api:hunter2@seldon.example.com/auth/realms/deploy-realm", null);
        assertEquals(FormValidation.Kind.ERROR, v.kind);
        assertFalse(v.renderHtml().contains("hunter2"), v.renderHtml());
        assertEquals(FormValidation.Kind.OK,
                d.doCheckIssuerUrl("https://seldon.example.com/auth/realms/deploy-realm", null).kind);
    }

    @Test
    void testConnectionShowsUserAndVersion(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            seldon.configureJenkins();
            FormValidation result = serverDescriptor(j).doTestConnection(SeldonFixture.SERVER);
            assertEquals(FormValidation.Kind.OK, result.kind, result.renderHtml());
            assertTrue(result.renderHtml().contains("service-account-" + SeldonFixture.CLIENT_ID), result.renderHtml());
            assertFalse(result.renderHtml().contains(SeldonFixture.CANARY_SECRET));
        }
    }

    @Test
    void testConnectionNamesAMissingCredentialWithoutCallingTheApi(JenkinsRule j) throws Exception {
        try (SeldonFixture seldon = SeldonFixture.start()) {
            SeldonGlobalConfiguration.get().setServers(List.of(new SeldonServer(SeldonFixture.SERVER,
                    seldon.api().baseUrl().toString(), seldon.authentication("nowhere"))));
            FormValidation result = serverDescriptor(j).doTestConnection(SeldonFixture.SERVER);
            assertEquals(FormValidation.Kind.ERROR, result.kind);
            assertTrue(result.renderHtml().contains("'nowhere'"), result.renderHtml());
            assertTrue(result.renderHtml().contains("was not found"), result.renderHtml());
            assertTrue(seldon.api().requests().isEmpty());
        }
    }

    @Test
    void formMethodsNeedAdministerAndPost(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "listed", "", "id", "secret"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.SYSTEM, "system-only", "", "id", "secret"));

        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            assertThrows(AccessDeniedException.class, () -> serverDescriptor(j).doTestConnection("prod"));
            assertThrows(AccessDeniedException.class, () -> serverDescriptor(j).doCheckApiUrl("https://evil.example.com"));
            ListBoxModel items = j.jenkins.getDescriptorByType(OidcClientCredentialsAuthentication.DescriptorImpl.class)
                    .doFillCredentialsIdItems("current", null, null, null);
            assertEquals(1, items.size(), "only the current value for users who may not list credentials");
        }
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            ListBoxModel items = j.jenkins.getDescriptorByType(OidcClientCredentialsAuthentication.DescriptorImpl.class)
                    .doFillCredentialsIdItems("", null, null, null);
            assertTrue(items.stream().anyMatch(o -> o.value.equals("listed")));
            assertTrue(items.stream().anyMatch(o -> o.value.equals("system-only")),
                    "a server's credential is resolved as the system, so SYSTEM scope is offered");
        }

        // Over HTTP: a GET never runs the method, and a POST without a crumb is refused (CSRF protection).
        URI url = new URL(j.getURL(), "descriptorByName/" + SeldonServer.class.getName() + "/testConnection?name=prod").toURI();
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(url).header("Authorization", basic).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertNotEquals(200, get.statusCode(), "GET is refused");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(url).header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, post.statusCode(), "POST without a crumb is refused");
    }
}

package io.jenkins.plugins.seldon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.HostnameSpecification;
import com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The authentication kinds beyond the seed's OIDC grants, inside Jenkins: credentials, job restrictions, forms. */
@WithJenkins
class AuthenticationKindsTest {

    private SeldonFixture seldon;

    @BeforeEach
    void startSeldon() throws Exception {
        seldon = SeldonFixture.start();
    }

    @AfterEach
    void stopSeldon() {
        seldon.close();
    }

    private static WorkflowRun run(JenkinsRule j, WorkflowJob job, String script, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private SeldonServer bearerServer(String token) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                "seldon-token", "pre-issued Seldon token", Secret.fromString(token)));
        SystemCredentialsProvider.getInstance().save();
        SeldonServer server = new SeldonServer(SeldonFixture.SERVER, seldon.api().baseUrl().toString(),
                new BearerTokenAuthentication("seldon-token"));
        SeldonGlobalConfiguration.get().setServers(List.of(server));
        return server;
    }

    @Test
    void aPreIssuedTokenIsTheBearerAndNeverShows(JenkinsRule j) throws Exception {
        String token = seldon.token("ci-bot", Duration.ofMinutes(10));
        bearerServer(token);
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "list"),
                "echo \"count=${seldonListDeployments(namespace: 'models').size()}\"", Result.SUCCESS);
        j.assertLogContains("count=0", b);
        j.assertLogNotContains(token, b);
        assertEquals("ci-bot", seldon.api().requests().get(0).principal());
    }

    @Test
    void anExpiredPreIssuedTokenFailsOnceSayingSo(JenkinsRule j) throws Exception {
        bearerServer(seldon.token("ci-bot", Duration.ofMinutes(-1)));
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "expired"),
                "seldonListDeployments(namespace: 'models')", Result.FAILURE);
        j.assertLogContains("The token expired at ", b);
        assertEquals(List.of(401), seldon.api().requests().stream().map(RecordedRequest::status).toList());
    }

    /** The token goes to the API only where its credential's domain includes the API's host, as for every kind. */
    @Test
    void aPreIssuedTokenIsOnlySentToAHostItsDomainIncludes(JenkinsRule j) throws Exception {
        CredentialsStore system = CredentialsProvider.lookupStores(j.jenkins).iterator().next();
        system.addDomain(new Domain("elsewhere", "", List.of(new HostnameSpecification("seldon.example.com", null))),
                List.of(new StringCredentialsImpl(CredentialsScope.SYSTEM, "elsewhere-token", "",
                        Secret.fromString(seldon.token("elsewhere-bot", Duration.ofMinutes(10))))));
        system.addDomain(new Domain("here", "", List.of(new HostnameSpecification(seldon.api().baseUrl().getHost(),
                null))), List.of(new StringCredentialsImpl(CredentialsScope.SYSTEM, "here-token", "",
                        Secret.fromString(seldon.token("here-bot", Duration.ofMinutes(10))))));
        String api = seldon.api().baseUrl().toString();
        SeldonGlobalConfiguration.get().setServers(List.of(
                new SeldonServer("elsewhere", api, new BearerTokenAuthentication("elsewhere-token")),
                new SeldonServer("here", api, new BearerTokenAuthentication("here-token"))));

        j.assertLogContains("'elsewhere-token' for the Seldon pre-issued bearer token is in a credentials domain that"
                + " does not include the host it would be sent to", run(j, j.createProject(WorkflowJob.class, "a"),
                        "seldonListDeployments(server: 'elsewhere', namespace: 'models')", Result.FAILURE));
        assertTrue(seldon.api().requests().isEmpty(), "nothing was sent");
        run(j, j.createProject(WorkflowJob.class, "b"), "seldonListDeployments(server: 'here', namespace: 'models')",
                Result.SUCCESS);
        assertEquals("here-bot", seldon.api().requests().get(0).principal());
    }

    /**
     * Predictions carry the token to the inference URL only where the credential's domain includes that host too (as
     * a domain of both hosts does), and not where the id names another credential there.
     */
    @Test
    void aPreIssuedTokenGoesToTheInferenceUrlOnlyWhereItsDomainIncludesIt(JenkinsRule j) throws Exception {
        seldon.api().seed("models", FakeSeldonApi.pipeline("iris", "classifier"));
        String apiHost = seldon.api().baseUrl().getHost();
        // The same fake under another name: another host, which a domain of the API's host does not include.
        String inferenceHost = "localhost";
        CredentialsStore system = CredentialsProvider.lookupStores(j.jenkins).iterator().next();
        system.addDomain(new Domain("api", "", List.of(new HostnameSpecification(apiHost, null))), List.of(
                secretText("api-token", seldon.token("api-bot", Duration.ofMinutes(10))),
                secretText("twin-token", seldon.token("twin-api-bot", Duration.ofMinutes(10)))));
        system.addDomain(new Domain("inference", "", List.of(new HostnameSpecification(inferenceHost, null))),
                List.of(secretText("twin-token", seldon.token("twin-inference-bot", Duration.ofMinutes(10)))));
        String bothToken = seldon.token("both-bot", Duration.ofMinutes(10));
        system.addDomain(new Domain("both", "", List.of(new HostnameSpecification(apiHost + ", " + inferenceHost,
                null))), List.of(secretText("both-token", bothToken)));
        String api = seldon.api().baseUrl().toString();
        List<SeldonServer> servers = new ArrayList<>();
        for (String id : List.of("api-token", "twin-token", "both-token")) {
            SeldonServer server = new SeldonServer(id.replace("-token", ""), api, new BearerTokenAuthentication(id));
            server.setInferenceUrl("http://" + inferenceHost + ":" + seldon.api().baseUrl().getPort() + "/");
            servers.add(server);
        }
        SeldonGlobalConfiguration.get().setServers(servers);
        String predict = "seldonPredict(server: '%s', namespace: 'models', pipeline: 'iris', payload: [inputs: []])";

        WorkflowRun kept = run(j, j.createProject(WorkflowJob.class, "kept"), "seldonListDeployments(server: 'api',"
                + " namespace: 'models')\n" + String.format(predict, "api"), Result.FAILURE);
        j.assertLogContains("The token of credential 'api-token' is not sent to the inference URL", kept);
        j.assertLogContains("the credential's domain does not include it, or the id names another credential there;"
                + " nothing was sent", kept);
        assertEquals(List.of("api-bot"), seldon.api().requests().stream().map(RecordedRequest::principal).toList(),
                "the API still gets the token");
        // The id names another credential at the inference host: that one's domain is no licence for this token.
        j.assertLogContains("The token of credential 'twin-token' is not sent to the inference URL", run(j,
                j.createProject(WorkflowJob.class, "twin"), String.format(predict, "twin"), Result.FAILURE));
        assertEquals(List.of(), seldon.api().predictions());

        WorkflowRun sent = run(j, j.createProject(WorkflowJob.class, "both"), String.format(predict, "both"),
                Result.SUCCESS);
        j.assertLogNotContains(bothToken, sent);
        assertEquals(1, seldon.api().predictions().size());
        RecordedRequest inference = seldon.api().requests().get(seldon.api().requests().size() - 1);
        assertEquals("/v2/models/iris/infer", inference.rawPath());
        assertEquals("both-bot", inference.principal());
    }

    private static StringCredentialsImpl secretText(String id, String secret) {
        return new StringCredentialsImpl(CredentialsScope.SYSTEM, id, "", Secret.fromString(secret));
    }

    /** A job's own Secret text replaces the server's token; the server's restrictions apply as to every kind. */
    @Test
    void aJobBringsItsOwnTokenWhereTheServerRequiresIt(JenkinsRule j) throws Exception {
        SeldonServer server = bearerServer(seldon.token("server-bot", Duration.ofMinutes(10)));
        server.setRequireJobCredentials(true);
        Folder folder = j.jenkins.createProject(Folder.class, "ml");
        CredentialsStore store = CredentialsProvider.lookupStores(folder).iterator().next();
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "team-token", "",
                Secret.fromString(seldon.token("team-bot", Duration.ofMinutes(10)))));
        WorkflowJob job = folder.createProject(WorkflowJob.class, "deploy");

        j.assertLogContains("requires jobs to bring their own credentials",
                run(j, job, "seldonListDeployments(namespace: 'models')", Result.FAILURE));
        j.assertLogContains("does not give its own token to jobs",
                run(j, job, "withSeldon(exposeToken: true, credentialsId: 'seldon-token') { echo 'inside' }",
                        Result.FAILURE));
        run(j, job, "seldonListDeployments(namespace: 'models', credentialsId: 'team-token')", Result.SUCCESS);
        j.assertLogContains("inside", run(j, job,
                "withSeldon(exposeToken: true, credentialsId: 'team-token') { echo 'inside' }", Result.SUCCESS));
        assertEquals("team-bot", seldon.api().requests().get(0).principal());
    }

    @Test
    void everyNewSettingSurvivesTheConfigurePage(JenkinsRule j) throws Exception {
        OidcRefreshTokenAuthentication refresh = new OidcRefreshTokenAuthentication("jenkins", "offline-token");
        refresh.setIssuerUrl("https://keycloak.example.com/auth/realms/deploy-realm");
        refresh.setClientSecretCredentialsId("jenkins-secret");
        refresh.setClientAuthentication("client_secret_basic");
        refresh.setAudience("seldon");
        refresh.setResource("https://seldon.example.com");
        OidcClientCredentialsAuthentication signed = new OidcClientCredentialsAuthentication(null);
        signed.setTokenEndpointUrl("https://login.example.com/tenant/oauth2/v2.0/token");
        signed.setClientId("jenkins");
        signed.setClientKeyCredentialsId("jenkins-key");
        signed.setClientAuthentication("private_key_jwt");
        signed.setScope("api://seldon/.default");
        TlsConfiguration mtls = new TlsConfiguration();
        mtls.setClientCertificateCredentialsId("jenkins-client-cert");
        SeldonServer offline = new SeldonServer("offline", "https://seldon.example.com", refresh);
        offline.setTls(mtls);
        SeldonServer entra = new SeldonServer("entra", "https://seldon.example.com", signed);
        SeldonServer token = new SeldonServer("token", "https://seldon.example.com",
                new BearerTokenAuthentication("seldon-token"));
        SeldonGlobalConfiguration.get().setServers(List.of(offline, entra, token));

        j.configRoundtrip();

        j.assertEqualDataBoundBeans(offline, SeldonGlobalConfiguration.get().findServer("offline"));
        j.assertEqualDataBoundBeans(entra, SeldonGlobalConfiguration.get().findServer("entra"));
        j.assertEqualDataBoundBeans(token, SeldonGlobalConfiguration.get().findServer("token"));
    }

    @Test
    void aCertificateCredentialIsCheckedAndNamedInTheForm(JenkinsRule j) throws Exception {
        HeldCertificate held = new HeldCertificate.Builder().commonName("jenkins-ci").ecdsa256().build();
        SystemCredentialsProvider.getInstance().getCredentials().add(new CertificateCredentialsImpl(
                CredentialsScope.SYSTEM, "client-cert", "", "keystore-password-0123",
                new CertificateCredentialsImpl.PEMEntryKeyStoreSource(held.certificatePem(),
                        held.privateKeyPkcs8Pem())));
        FormValidation tls = j.jenkins.getDescriptorByType(TlsConfiguration.DescriptorImpl.class)
                .doCheckClientCertificateCredentialsId("client-cert", null, false, false);
        assertEquals(FormValidation.Kind.OK, tls.kind, tls.renderHtml());
        assertTrue(tls.renderHtml().contains("CN=jenkins-ci"), tls.renderHtml());
        FormValidation key = j.jenkins.getDescriptorByType(OidcClientCredentialsAuthentication.DescriptorImpl.class)
                .doCheckClientKeyCredentialsId("client-cert", "private_key_jwt", null,
                        "https://login.example.com/token", null, null, false, false);
        assertEquals(FormValidation.Kind.OK, key.kind, key.renderHtml());
    }
}

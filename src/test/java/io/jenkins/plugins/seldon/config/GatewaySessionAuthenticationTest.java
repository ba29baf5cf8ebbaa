package io.jenkins.plugins.seldon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.client.auth.GatewayKind;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.GatewayImitation;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The gateway session kind in a running Jenkins: its form, its credentials, and Pipelines through the gateway. */
@WithJenkins
class GatewaySessionAuthenticationTest {

    private final TestTokenIssuer issuer = new TestTokenIssuer();
    private FakeSeldonApi api;
    private GatewayImitation gateway;

    @BeforeEach
    void start() throws Exception {
        api = FakeSeldonApi.start(issuer.verifier());
        gateway = GatewayImitation.start(GatewayImitation.Kind.OAUTH2_PROXY, api, issuer);
    }

    @AfterEach
    void stop() {
        gateway.close();
        api.close();
    }

    /** A server whose own credential has a wrong password, so that only a job's own credential can log in. */
    private SeldonServer configure() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.SYSTEM, "server-user", "", GatewayImitation.USER, "not-the-password"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "team", "", GatewayImitation.USER, GatewayImitation.PASSWORD));
        SystemCredentialsProvider.getInstance().save();
        SeldonServer server = new SeldonServer("kubeflow", gateway.apiUrl().toString(),
                new GatewaySessionAuthentication(GatewayKind.OAUTH2_PROXY, "server-user"));
        SeldonGlobalConfiguration.get().setServers(List.of(server));
        return server;
    }

    private static WorkflowRun run(JenkinsRule j, String name, String script, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void settingsSurviveTheConfigurePage(JenkinsRule j) throws Exception {
        GatewaySessionAuthentication auth = new GatewaySessionAuthentication(GatewayKind.OTHER, "seldon-user");
        auth.setSessionCookieName("session");
        auth.setDexConnector("ldap");
        auth.setLoginOrigin("https://login.example.com");
        SeldonServer server = new SeldonServer("gw", "https://seldon.example.com", auth);
        SeldonGlobalConfiguration.get().setServers(List.of(server));
        j.configRoundtrip();
        j.assertEqualDataBoundBeans(server, SeldonGlobalConfiguration.get().findServer("gw"));
    }

    @Test
    void aStepsCredentialReplacesTheUserCredential(JenkinsRule j) throws Exception {
        configure();
        WorkflowRun own = run(j, "own", "echo \"count=${seldonListDeployments(namespace: 'models', credentialsId: 'team')"
                + ".size()}\"", Result.SUCCESS);
        j.assertLogContains("count=0", own);
        j.assertLogNotContains(GatewayImitation.PASSWORD, own);
        assertEquals(1, gateway.logins());

        WorkflowRun server = run(j, "server", "seldonListDeployments(namespace: 'models')", Result.FAILURE);
        j.assertLogContains("refused the user name and password of " + GatewayImitation.USER, server);
        j.assertLogNotContains("not-the-password", server);
    }

    @Test
    void withSeldonCannotExposeASessionAsAToken(JenkinsRule j) throws Exception {
        configure().setJobsMayReceiveTokens(true);
        WorkflowRun b = run(j, "expose", "withSeldon(exposeToken: true, credentialsId: 'team') { echo 'inside' }",
                Result.FAILURE);
        j.assertLogContains("authenticates without a bearer token (e.g. through a gateway session), so there is no"
                + " token to expose", b);
        j.assertLogNotContains("inside", b);
        // Without exposeToken, the block's steps log in through the gateway as usual.
        WorkflowRun ok = run(j, "block", "withSeldon(credentialsId: 'team') { seldonListDeployments(namespace: 'models') }",
                Result.SUCCESS);
        j.assertLogNotContains("SELDON_TOKEN", ok);
    }

    @Test
    void formChecksSayWhatIsWrong(JenkinsRule j) {
        GatewaySessionAuthentication.DescriptorImpl d =
                j.jenkins.getDescriptorByType(GatewaySessionAuthentication.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckSessionCookieName("", "OTHER").kind);
        assertEquals(FormValidation.Kind.OK, d.doCheckSessionCookieName("", "OIDC_AUTHSERVICE").kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckSessionCookieName("a b", "OAUTH2_PROXY").kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckDexConnector("a/b").kind);
        FormValidation http = d.doCheckLoginOrigin("http://login.example.com", "https://seldon.example.com");
        assertEquals(FormValidation.Kind.ERROR, http.kind);
        FormValidation secret = d.doCheckLoginOrigin("https://u:hunter2@login.example.com", null);
        assertEquals(FormValidation.Kind.ERROR, secret.kind);
        assertTrue(!secret.renderHtml().contains("hunter2"), secret.renderHtml());
        assertEquals(4, d.doFillGatewayItems().size());
    }
}

package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionList;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.seldon.testing.Tinyproxy;
import java.net.URI;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.config.OidcClientCredentialsAuthentication;
import io.jenkins.plugins.seldon.config.ReadableServerCredentialsMonitor;
import io.jenkins.plugins.seldon.config.SeldonGlobalConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.jenkins.SeldonFixture;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class SeldonStepsTest {

    private static final String MANIFEST = """
            apiVersion: machinelearning.seldon.io/v1
            kind: SeldonDeployment
            metadata:
              name: iris
            spec:
              predictors:
              - name: default
                replicas: 1
                graph:
                  name: classifier
                  implementation: SKLEARN_SERVER
                  modelUri: gs://seldon-models/sklearn/iris
            """;

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

    @Test
    void deploysWaitsReadsListsAndDeletes(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowJob job = j.createProject(WorkflowJob.class, "deploy");
        WorkflowRun b = run(j, job, "def m = '''" + MANIFEST + "'''\n"
                + "def applied = seldonApply(namespace: 'models', manifest: m)\n"
                + "echo \"applied=${applied.metadata.name}\"\n"
                + "def ready = seldonWaitForDeployment(namespace: 'models', name: 'iris', timeout: 60, pollInterval: 1)\n"
                + "echo \"state=${ready.status.state}\"\n"
                + "echo \"count=${seldonListDeployments(namespace: 'models').size()}\"\n"
                + "echo \"missing=${seldonGetDeployment(namespace: 'models', name: 'nope', allowMissing: true) == null}\"\n"
                + "echo \"existed=${seldonDeleteDeployment(namespace: 'models', name: 'iris', message: 'cleanup')}\"\n",
                Result.SUCCESS);
        j.assertLogContains("applied=iris", b);
        j.assertLogContains("state=Available", b);
        j.assertLogContains("count=1", b);
        j.assertLogContains("missing=true", b);
        j.assertLogContains("existed=true", b);
        j.assertLogNotContains(SeldonFixture.CANARY_SECRET, b);
        assertNull(seldon.api().stored("models", "iris"));

        FakeSeldonApi.Write create = seldon.api().writes().get(0);
        assertEquals("Deployment created", create.action());
        assertTrue(create.message().startsWith("Jenkins deploy #1"), create.message());
        FakeSeldonApi.Write delete = seldon.api().writes().get(seldon.api().writes().size() - 1);
        assertEquals("cleanup", delete.message());
    }

    @Test
    void appliesAMapAndFailsEarlyOnBadInput(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowJob job = j.createProject(WorkflowJob.class, "map");
        run(j, job, "def name = 'iris'\n"
                + "seldonApply(namespace: 'models', resource: [apiVersion: 'machinelearning.seldon.io/v1',"
                + " kind: 'SeldonDeployment', metadata: [name: \"${name}\"], spec: [predictors: []]])", Result.SUCCESS);
        assertNotNull(seldon.api().stored("models", "iris"));

        WorkflowRun bad = run(j, job, "seldonApply(namespace: 'models', manifest: 'kind: [')", Result.FAILURE);
        j.assertLogContains("line", bad);
        WorkflowRun badName = run(j, job, "seldonGetDeployment(namespace: 'Models_', name: 'x')", Result.FAILURE);
        j.assertLogContains("Models_", badName);
    }

    @Test
    void unknownServerListsTheConfiguredOnes(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "p"),
                "seldonListDeployments(server: 'nope', namespace: 'models')", Result.FAILURE);
        j.assertLogContains("Unknown Seldon server 'nope'; configured servers: prod", b);
    }

    @Test
    void folderCredentialsReplaceTheServerCredential(JenkinsRule j) throws Exception {
        SeldonServer server = seldon.configureJenkins();
        server.setRequireJobCredentials(true);
        seldon.acceptClient("team-ml", "team-secret-0a9b");
        Folder folder = j.jenkins.createProject(Folder.class, "ml");
        CredentialsStore store = CredentialsProvider.lookupStores(folder).iterator().next();
        store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "team",
                "", "team-ml", "team-secret-0a9b"));
        WorkflowJob job = folder.createProject(WorkflowJob.class, "deploy");

        WorkflowRun refused = run(j, job, "seldonListDeployments(namespace: 'models')", Result.FAILURE);
        j.assertLogContains("requires jobs to bring their own credentials", refused);
        WorkflowRun borrowed = run(j, job, "seldonListDeployments(namespace: 'models', credentialsId: '"
                + SeldonFixture.CREDENTIALS_ID + "')", Result.FAILURE);
        j.assertLogContains("not the server's own", borrowed);
        assertTrue(seldon.api().requests().isEmpty(), "no call with the server's own credential");

        WorkflowRun ok = run(j, job, "seldonListDeployments(namespace: 'models', credentialsId: 'team')", Result.SUCCESS);
        j.assertLogNotContains("team-secret-0a9b", ok);
        assertEquals("service-account-team-ml", seldon.api().requests().get(0).principal());

        WorkflowJob outside = j.createProject(WorkflowJob.class, "outside");
        WorkflowRun notFound = run(j, outside, "seldonListDeployments(namespace: 'models', credentialsId: 'team')",
                Result.FAILURE);
        j.assertLogContains("'team'", notFound);
        j.assertLogContains("was not found", notFound);
    }

    @Test
    void credentialDropDownListsOnlyForThoseWhoMayConfigureTheJob(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "team", "", "team-ml", "team-secret"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "forms");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("viewer")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("configurer"));
        ListStep.Deployments.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(ListStep.Deployments.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as(User.getById("viewer", true))) {
            ListBoxModel items = descriptor.doFillCredentialsIdItems(job, "current", null);
            assertEquals(1, items.size(), "only the current value for users who may not list credentials");
            assertTrue(descriptor.doFillServerItems(job, null).isEmpty(), "no server names for users who may not configure");
        }
        try (ACLContext ignored = ACL.as(User.getById("configurer", true))) {
            ListBoxModel items = descriptor.doFillCredentialsIdItems(job, "", null);
            assertTrue(items.stream().anyMatch(o -> o.value.equals("team")), "what the job's builds can use");
            assertTrue(items.stream().noneMatch(o -> o.value.equals(SeldonFixture.CREDENTIALS_ID)),
                    "never the server's SYSTEM-scoped credential, which builds cannot use");
            assertEquals(FormValidation.Kind.ERROR,
                    descriptor.doCheckCredentialsId(job, SeldonFixture.CREDENTIALS_ID, null).kind);
            assertTrue(descriptor.doFillServerItems(job, null).stream().anyMatch(o -> o.value.equals(SeldonFixture.SERVER)));
        }
    }

    @Test
    void withSeldonExportsUrlAndMaskedToken(JenkinsRule j) throws Exception {
        seldon.configureJenkins().setJobsMayReceiveTokens(true);
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "block"),
                "withSeldon(exposeToken: true) {\n"
                + "  echo \"url=${env.SELDON_API_URL}\"\n"
                + "  echo \"token=${env.SELDON_TOKEN}\"\n"
                + "  echo \"count=${seldonListDeployments(namespace: 'models').size()}\"\n"
                + "}", Result.SUCCESS);
        j.assertLogContains("url=" + seldon.api().apiUrl(), b);
        j.assertLogContains("token=****", b);
        j.assertLogContains("count=0", b);
        j.assertLogNotContains(SeldonFixture.CANARY_SECRET, b);
    }

    @Test
    void theServersTokenGoesToJobsOnlyWhereTheAdministratorAllowsIt(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowJob job = j.createProject(WorkflowJob.class, "tokens");
        WorkflowRun refused = run(j, job, "withSeldon(exposeToken: true) { echo 'inside' }", Result.FAILURE);
        j.assertLogContains("does not give its own token to jobs", refused);
        j.assertLogNotContains("inside", refused);

        // The job's own credential: its token is the job's to have.
        seldon.acceptClient("team-ml", "team-secret-0a9b");
        SystemCredentialsProvider.getInstance().getCredentials().add(
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "team", "", "team-ml", "team-secret-0a9b"));
        WorkflowRun own = run(j, job, "withSeldon(exposeToken: true, credentialsId: 'team') { echo 'inside' }",
                Result.SUCCESS);
        j.assertLogContains("inside", own);
    }

    @Test
    void aJobCannotGetTheServersTokenByNamingItsGlobalCredential(JenkinsRule j) throws Exception {
        seldon.configureJenkins(CredentialsScope.GLOBAL);
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "bypass"), "withSeldon(exposeToken: true, "
                + "credentialsId: '" + SeldonFixture.CREDENTIALS_ID + "') { echo 'inside' }", Result.FAILURE);
        j.assertLogContains("does not give its own token to jobs", b);
        j.assertLogNotContains("inside", b);
        assertNull(seldon.lastIssuedToken(), "no token was even fetched");
    }

    @Test
    void exposedTokenIsMaskedInItsEncodingsAndInFailures(JenkinsRule j) throws Exception {
        seldon.configureJenkins().setJobsMayReceiveTokens(true);
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "encodings"),
                "node {\n"
                + "  withSeldon(exposeToken: true) {\n"
                + "    sh 'printf %s \"$SELDON_TOKEN\" | base64 -w0; echo'\n"
                + "    sh 'printf %s \"$SELDON_TOKEN\" | tr . \"\\\\n\"'\n"
                + "    error(\"refused: Bearer ${env.SELDON_TOKEN}\")\n"
                + "  }\n"
                + "}", Result.FAILURE);
        String token = seldon.lastIssuedToken();
        String log = JenkinsRule.getLog(b);
        assertFalse(log.contains(token), "the token itself");
        assertFalse(log.contains(java.util.Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))),
                "its base64 form");
        for (String part : token.split("\\.")) {
            if (part.length() >= 20) {
                assertFalse(log.contains(part), "a part of the JWT");
            }
        }
        j.assertLogContains("refused: Bearer ****", b);
    }

    @Test
    void anInterruptionThatCarriesTheTokenStaysAnInterruptionWithItsResult(JenkinsRule j) throws Exception {
        seldon.configureJenkins().setJobsMayReceiveTokens(true);
        WorkflowJob job = j.createProject(WorkflowJob.class, "interrupted");
        // Not sandboxed: only so that the script can make the interruption itself, as a step's own code would.
        job.setDefinition(new CpsFlowDefinition("withSeldon(exposeToken: true) {\n"
                + "  def stop = new org.jenkinsci.plugins.workflow.steps.FlowInterruptedException("
                + "hudson.model.Result.NOT_BUILT, true)\n"
                + "  stop.initCause(new IOException(\"sent Bearer \" + env.SELDON_TOKEN))\n"
                + "  throw stop\n"
                + "}", false));
        WorkflowRun b = j.assertBuildStatus(Result.NOT_BUILT, job.scheduleBuild2(0));
        j.assertLogContains("sent Bearer ****", b);
        j.assertLogNotContains(seldon.lastIssuedToken(), b);
    }

    @Test
    void aJobOutsideTheAllowedFoldersCanNeitherUseTheServerNorReadItsCredential(JenkinsRule j) throws Exception {
        seldon.configureJenkins().setAllowedFolders("ml");
        WorkflowJob outside = j.createProject(WorkflowJob.class, "outside");
        WorkflowRun use = run(j, outside, "seldonListDeployments(namespace: 'models')", Result.FAILURE);
        j.assertLogContains("may only be used by jobs in the folders ml", use);
        WorkflowRun read = run(j, outside, "withCredentials([usernamePassword(credentialsId: '"
                + SeldonFixture.CREDENTIALS_ID + "', usernameVariable: 'U', passwordVariable: 'P')]) { echo 'read' }",
                Result.FAILURE);
        j.assertLogContains("Could not find credentials entry with ID '" + SeldonFixture.CREDENTIALS_ID + "'", read);
        assertTrue(seldon.api().requests().isEmpty());

        Folder ml = j.jenkins.createProject(Folder.class, "ml");
        WorkflowRun inside = run(j, ml.createProject(WorkflowJob.class, "deploy"),
                "echo \"count=${seldonListDeployments(namespace: 'models').size()}\"", Result.SUCCESS);
        j.assertLogContains("count=0", inside);
    }

    @Test
    void aGlobalCredentialOfARestrictedServerIsFlagged(JenkinsRule j) throws Exception {
        SeldonServer server = seldon.configureJenkins(CredentialsScope.GLOBAL);
        server.setJobsMayReceiveTokens(true);
        ReadableServerCredentialsMonitor monitor = ExtensionList.lookupSingleton(ReadableServerCredentialsMonitor.class);
        assertFalse(monitor.isActivated(), "no restriction, nothing to undermine");
        server.setRequireJobCredentials(true);
        assertTrue(monitor.isActivated());
        server.setRequireJobCredentials(false);
        server.setJobsMayReceiveTokens(false);
        assertTrue(monitor.isActivated(), "a job could fetch the token the server keeps from jobs");
        assertEquals(List.of(new ReadableServerCredentialsMonitor.Finding(SeldonFixture.SERVER,
                SeldonFixture.CREDENTIALS_ID)), monitor.getFindings());
        OidcClientCredentialsAuthentication.DescriptorImpl form =
                j.jenkins.getDescriptorByType(OidcClientCredentialsAuthentication.DescriptorImpl.class);
        FormValidation check = form.doCheckCredentialsId(SeldonFixture.CREDENTIALS_ID, null, seldon.tokenEndpoint(),
                null, null, null, null, true, true);
        assertEquals(FormValidation.Kind.WARNING, check.kind, check.renderHtml());
        // The form agrees with the monitor: withholding tokens from jobs is a restriction a GLOBAL credential undoes.
        check = form.doCheckCredentialsId(SeldonFixture.CREDENTIALS_ID, null, seldon.tokenEndpoint(), null, null,
                null, null, false, false);
        assertEquals(FormValidation.Kind.WARNING, check.kind, check.renderHtml());
        check = form.doCheckCredentialsId(SeldonFixture.CREDENTIALS_ID, null, seldon.tokenEndpoint(), null, null,
                null, null, false, true);
        assertEquals(FormValidation.Kind.OK, check.kind, check.renderHtml());
    }

    @Test
    void stepsThatNameNoServerUseTheDefault(JenkinsRule j) throws Exception {
        SeldonServer prod = seldon.configureJenkins();
        SeldonServer other = new SeldonServer("other", "https://other.example.com", seldon.authentication("x"));
        SeldonGlobalConfiguration.get().setServers(List.of(prod, other));
        assertEquals(SeldonFixture.SERVER, SeldonGlobalConfiguration.get().getDefaultServer(),
                "the only server stayed the default when a second one was added");
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "default"),
                "echo \"count=${seldonListDeployments(namespace: 'models').size()}\"", Result.SUCCESS);
        j.assertLogContains("count=0", b);

        SeldonGlobalConfiguration.get().setDefaultServer(null);
        SeldonGlobalConfiguration.get().setServers(List.of(prod, other));
        WorkflowRun none = run(j, j.createProject(WorkflowJob.class, "none"),
                "seldonListDeployments(namespace: 'models')", Result.FAILURE);
        j.assertLogContains("No default Seldon server is chosen, so a server must be named; configured servers: prod, other",
                none);
    }

    @Test
    void tokenAndApiCallsGoThroughJenkinsProxy(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        try (Tinyproxy proxy = Tinyproxy.start("proxy-user", "proxy-password-3c9d")) {
            j.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.address().getPort(), "proxy-user",
                    "proxy-password-3c9d", "no-proxy.example.com"));
            WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "proxied"), "seldonApply(namespace:"
                    + " 'models', manifest: '''" + MANIFEST + "''')", Result.SUCCESS);
            j.assertLogNotContains("proxy-password-3c9d", b);
            assertTrue(proxy.forwardedTo(URI.create(seldon.tokenEndpoint()).getPort()), "the token request");
            assertTrue(proxy.forwardedTo(seldon.api().baseUrl().getPort()), "the API calls, the create included");
            assertNotNull(seldon.api().stored("models", "iris"));
        }
    }

    @Test
    void aServerDropDownKeepsAValueThatNamesNoServer(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowJob job = j.createProject(WorkflowJob.class, "renamed");
        ListBoxModel items = j.jenkins.getDescriptorByType(ListStep.Deployments.DescriptorImpl.class)
                .doFillServerItems(job, "old-name");
        ListBoxModel.Option kept = items.get(items.size() - 1);
        assertEquals("old-name", kept.value);
        assertTrue(kept.selected);
        assertEquals("old-name (not configured)", kept.name);
        assertEquals("(default: prod)", items.get(0).name);
    }

    @Test
    void aRetryIsToldInTheBuildLog(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        seldon.api().failNextRequest(503, "the API is restarting");
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "retry"),
                "echo \"count=${seldonListDeployments(namespace: 'models').size()}\"", Result.SUCCESS);
        j.assertLogContains("[Seldon] WARNING: The Seldon API answered HTTP 503", b);
        j.assertLogContains("(attempt 2 of 3)", b);
        j.assertLogContains("count=0", b);
    }

    @Test
    void aManifestFileMustBeInsideTheWorkspace(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "escape"),
                "node { writeFile file: 'ok.yaml', text: 'x'\n"
                + "  seldonApply(namespace: 'models', file: '../escape/../../ok.yaml') }", Result.FAILURE);
        j.assertLogContains("is not inside the workspace", b);
        j.assertLogNotContains("\tat ", b);
        assertTrue(seldon.api().requests().isEmpty());
    }

    @Test
    void stoppingAWaitAbortsTheBuildAndEndsThePolling(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        seldon.api().seed("models", FakeSeldonApi.deployment("iris", "gs://models/iris"));
        seldon.api().scriptReads("models", "iris", FakeSeldonApi.StatusStep.creating());
        WorkflowJob job = j.createProject(WorkflowJob.class, "stopped");
        job.setDefinition(new CpsFlowDefinition(
                "seldonWaitForDeployment(namespace: 'models', name: 'iris', timeout: 120, pollInterval: 1)", true));
        WorkflowRun b = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Creating", b);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        int requests = seldon.api().requests().size();
        // Three poll intervals: a poll left scheduled, or a stale execution polling on, would read again.
        Thread.sleep(3000);
        assertEquals(requests, seldon.api().requests().size(), seldon.api().requests().toString());
    }

    @Test
    void waitFailsWhenTheDeploymentStaysFailed(JenkinsRule j) throws Exception {
        seldon.configureJenkins();
        seldon.api().defaultStatusScript(FakeSeldonApi.StatusStep.failed("image pull back-off"));
        WorkflowRun b = run(j, j.createProject(WorkflowJob.class, "failing"),
                "seldonApply(namespace: 'models', manifest: '''" + MANIFEST + "''')\n"
                + "seldonWaitForDeployment(namespace: 'models', name: 'iris', timeout: 60, pollInterval: 1)",
                Result.FAILURE);
        j.assertLogContains("image pull back-off", b);
    }
}

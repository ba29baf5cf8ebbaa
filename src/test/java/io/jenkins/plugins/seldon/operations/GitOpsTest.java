package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.client.error.UnsupportedVersionException;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A GitOps namespace's history, diffs, and rolling a SeldonDeployment back by revert or restore. */
class GitOpsTest {

    private static final String MESSAGE = "Jenkins team/rollback #3";
    private static final String SD = FakeSeldonApi.KIND;

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private FakeSeldonApi api;
    private GitOps gitOps;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        api = server.api;
        api.gitOpsNamespace("prod", 0);
        gitOps = new GitOps(server.client, log, MESSAGE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Three commits: created with v1, updated to v2, updated to v3. */
    private List<String> deployThreeVersions() throws Exception {
        ResourceOperations ops = new ResourceOperations(server.client, new RecordingLog(), clock, "deploy");
        for (String version : List.of("v1", "v2", "v3")) {
            ops.apply("prod", List.of(new Manifests.Document(FakeSeldonApi.deployment("iris", "gs://m/" + version),
                    "iris.yaml")), false);
        }
        return api.commitHashes(SD, "prod", "iris");
    }

    private String modelUri() {
        return api.stored("prod", "iris").at("/spec/predictors/0/graph/modelUri").asText();
    }

    @Test
    void aResourcesHistoryIsItsCommitsNewestFirstEachLoggedAsALine() throws Exception {
        List<String> hashes = deployThreeVersions();

        ArrayNode commits = gitOps.log(ResourceKind.SELDON_DEPLOYMENT, "prod", "iris");

        assertEquals(hashes, commits.findValuesAsText("Hash"));
        assertEquals("Git history of SeldonDeployment prod/iris: 3 commits", log.lines.get(0));
        assertEquals("  " + hashes.get(0).substring(0, 7) + " " + commits.get(0).path("AuthorWhen").asText()
                + " jenkins", log.lines.get(1));
        assertEquals(4, log.lines.size());
    }

    @Test
    void aDiffIsReturnedWithItsTextUnescaped() throws Exception {
        List<String> hashes = deployThreeVersions();

        ObjectNode diff = gitOps.diff(ResourceKind.SELDON_DEPLOYMENT, "prod", "iris", hashes.get(0));

        assertEquals(hashes.get(0), diff.path("CommitHash").asText());
        assertEquals(hashes.get(1), diff.path("PrevCommitHash").asText());
        String text = diff.path("Diff").asText();
        assertTrue(text.contains("-        \"modelUri\" : \"gs://m/v2\""), text);
        assertTrue(text.contains("+        \"modelUri\" : \"gs://m/v3\""), text);
        assertEquals("a<b>&\"c\" 'd' \u00e9 \uD83D\uDE00 &bogus;",
                GitOps.unescapeHtml("a&lt;b&gt;&amp;&quot;c&#34; &#39;d&apos; &#xE9; &#128512; &bogus;"));
    }

    @Test
    void revertingTheLatestCommitBringsBackThePreviousSpecWithTheBuildsAuditMessage() throws Exception {
        List<String> hashes = deployThreeVersions();

        Change change = gitOps.revert("prod", "iris", hashes.get(0));

        assertEquals("gs://m/v2", modelUri());
        assertEquals(new Change(Change.Action.REVERTED, false, ResourceKind.SELDON_DEPLOYMENT, "prod", "iris", null,
                null, "Deployment reverted", MESSAGE, List.of(), "commit " + hashes.get(0) + ": reverted "
                        + hashes.get(0)), change);
        assertEquals("SeldonDeployment prod/iris: reverted (commit " + hashes.get(0) + ": reverted " + hashes.get(0)
                + ")", log.lines.get(0));
        FakeSeldonApi.GitCommit last = api.gitHistory().get(api.gitHistory().size() - 1);
        assertEquals("reverted", last.action());
        assertEquals("Deployment reverted", last.auditAction());
        assertEquals(MESSAGE, last.message());
    }

    @Test
    void restoringACommitBringsBackTheStateItLeft() throws Exception {
        List<String> hashes = deployThreeVersions();

        gitOps.restore("prod", "iris", hashes.get(2));

        assertEquals("gs://m/v1", modelUri());
        assertEquals(4, api.commitHashes(SD, "prod", "iris").size(), "a new commit");
    }

    @Test
    void whatTheServerRefusesIsReportedWithItsMessage() throws Exception {
        List<String> hashes = deployThreeVersions();

        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> gitOps.revert("prod", "iris", hashes.get(2)));

        assertTrue(e.getMessage().contains("cannot revert " + hashes.get(2) + ": later commits changed"),
                e.getMessage());
        assertEquals("gs://m/v3", modelUri());
    }

    @Test
    void hashesAreCheckedAndRequiredBeforeAnyRequest() {
        for (String bad : List.of("HEAD~1", "abc", "g123456", "1234567890abcdef; rm")) {
            assertThrows(InvalidInputException.class, () -> gitOps.revert("prod", "iris", bad), bad);
        }
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> gitOps.restore("prod", "iris", null));
        assertTrue(none.getMessage().contains("Give the commit to restore"), none.getMessage());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void onRelease20RevertsAndTheHistoryOfModelsAreRefusedNamingBothReleases() throws Exception {
        deployThreeVersions();
        api.serverVersion("2.0.3");
        // A new client reads the version afresh.
        GitOps onOld = new GitOps(server.newClient(), log, MESSAGE);

        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> onOld.revert("prod", "iris", api.commitHashes(SD, "prod", "iris").get(0)));
        assertTrue(e.getMessage().contains("needs Seldon Enterprise Platform 2.1 or newer; the server at "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" runs 2.0.3."), e.getMessage());
        assertThrows(UnsupportedVersionException.class, () -> onOld.log(ResourceKind.MODEL, "prod", "iris"));
        assertEquals(3, onOld.log(ResourceKind.SELDON_DEPLOYMENT, "prod", "iris").size(), "2.0 has this one");
        assertEquals("gs://m/v3", modelUri());
    }

    @Test
    void theHistoryOfEveryKindAndTheNamespaceStatus() throws Exception {
        ResourceOperations ops = new ResourceOperations(server.client, new RecordingLog(), clock, "deploy");
        ops.apply("prod", List.of(new Manifests.Document(FakeSeldonApi.model("m1", "gs://m"), "a"),
                new Manifests.Document(FakeSeldonApi.pipeline("p1", "m1"), "b"),
                new Manifests.Document(FakeSeldonApi.pipeline("p2", "m1"), "c"),
                new Manifests.Document(FakeSeldonApi.experiment("ab", "p1", "p2", 10), "d")), false);

        assertEquals(1, gitOps.log(ResourceKind.MODEL, "prod", "m1").size());
        assertEquals(1, gitOps.log(ResourceKind.PIPELINE, "prod", "p1").size());
        assertEquals(1, gitOps.log(ResourceKind.EXPERIMENT, "prod", "ab").size(), "by the experiment's own name");
        assertEquals("Insert", gitOps.diff(ResourceKind.EXPERIMENT, "prod", "ab", null).path("ChangeType").asText());
        assertTrue(gitOps.status("prod").path("gitops").asBoolean());
        assertNull(api.stored(FakeSeldonApi.EXPERIMENT, "prod", "ab"), "experiments are stored by their pipeline");
    }

    @Test
    void aCommitsLineIsItsShortHashTimeAndAuthorOrCommitter() {
        assertEquals("abc 2024-05-01 Jane", GitOps.line(Json.object().put("Hash", "abc")
                .put("CommitterWhen", "2024-05-01").put("CommitterName", "Jane")));
        assertEquals("1234567 t a", GitOps.line(Json.object().put("Hash", "12345678").put("AuthorWhen", "t")
                .put("AuthorName", "a").put("CommitterName", "c")));
    }

    @Test
    void theStatusAndAOneCommitHistoryAreLoggedInTheirWords() throws Exception {
        ResourceOperations ops = new ResourceOperations(server.client, new RecordingLog(), clock, "deploy");
        ops.apply("prod", List.of(new Manifests.Document(FakeSeldonApi.deployment("iris", "gs://m/v1"), "a")),
                false);

        gitOps.status("prod");
        gitOps.log(ResourceKind.SELDON_DEPLOYMENT, "prod", "iris");

        assertEquals("Read the GitOps status of namespace prod", log.lines.get(0));
        assertEquals("Git history of SeldonDeployment prod/iris: 1 commit", log.lines.get(1));
    }

    @Test
    void aDiffWithoutTextOrHashIsReturnedAsItCameAndNamesTheCommitAsked() throws Exception {
        try (LocalHttpServer other = LocalHttpServer.http()) {
            other.onPrefix(FakeSeldonApi.BASE_PATH + "/namespaces/prod/seldondeployments/iris/gitdiff",
                    (ex, r) -> LocalHttpServer.json(ex, 200, "{\"ChangeType\": \"Modify\"}"));
            GitOps onOther = new GitOps(server.clientOf(other.url()), log, MESSAGE);

            ObjectNode latest = onOther.diff(ResourceKind.SELDON_DEPLOYMENT, "prod", "iris", null);
            onOther.diff(ResourceKind.SELDON_DEPLOYMENT, "prod", "iris", "abcd123");

            assertEquals(Json.object().put("ChangeType", "Modify"), latest);
            assertEquals(List.of("Read what commit (latest) changed in SeldonDeployment prod/iris",
                    "Read what commit abcd123 changed in SeldonDeployment prod/iris"), log.lines);
        }
    }

    @Test
    void namesAndHashesOfDiffsAreCheckedInTheWordsOfTheirKind() {
        assertTrue(assertThrows(InvalidInputException.class, () -> gitOps.diff(ResourceKind.SELDON_DEPLOYMENT,
                "prod", "iris", "HEAD~1")).getMessage().startsWith("'HEAD~1' is not a commit hash"));
        assertTrue(assertThrows(InvalidInputException.class, () -> gitOps.log(ResourceKind.EXPERIMENT, "prod",
                "Bad_Name")).getMessage().startsWith("The Experiment name 'Bad_Name'"));
        assertTrue(assertThrows(InvalidInputException.class, () -> gitOps.diff(ResourceKind.SELDON_DEPLOYMENT,
                "prod", "d".repeat(64), null)).getMessage().startsWith("The SeldonDeployment name"),
                "a SeldonDeployment's name is a DNS label of at most 63 characters");
        assertTrue(assertThrows(InvalidInputException.class, () -> gitOps.revert("prod", "iris", null))
                .getMessage().contains("Give the commit to revert"));
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void restoringReturnsWhatItDidWithTheServersMessage() throws Exception {
        List<String> hashes = deployThreeVersions();

        Change change = gitOps.restore("prod", "iris", hashes.get(2));

        assertEquals("commit " + hashes.get(2) + ": restored " + hashes.get(2), change.detail());
        assertEquals(Change.Action.RESTORED, change.action());
    }

    @Test
    void aRollBackAnsweredWithoutMessageSaysOnlyTheCommit() throws Exception {
        try (LocalHttpServer other = LocalHttpServer.http()) {
            other.onPrefix(FakeSeldonApi.BASE_PATH + "/namespaces/prod/seldondeployments/iris/gitrestore",
                    (ex, r) -> LocalHttpServer.json(ex, 200, "{\"code\": 200, \"message\": \"\"}"));

            Change change = new GitOps(server.clientOf(other.url()), log, MESSAGE).restore("prod", "iris", "abcd123");

            assertEquals("commit abcd123", change.detail());
        }
    }

    @Test
    void characterReferencesAreDecodedInEitherCaseAndOnlyWhenValid() {
        assertEquals("A A &#x110000; &#1114112;", GitOps.unescapeHtml("&#X41; &#x41; &#x110000; &#1114112;"));
    }
}

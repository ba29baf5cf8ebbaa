package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The operations on one named resource in a namespace (get, delete, wait, GitOps history, rollback): the name checked
 * by the rule of its kind, and each operation's own inputs.
 */
class ResourceParametersTest {

    private static final FieldLabels FORM = field -> switch (field) {
        case "hash" -> "Commit";
        case "timeout" -> "Timeout";
        case "pollInterval" -> "Poll interval";
        default -> null;
    };

    private static final UnaryOperator<String> VARIABLES = t -> t == null ? null
            : t.replace("${APP}", "iris").replace("${ENV}", "prod").replace("${COMMIT}", "abc1234");

    private static <P extends ResourceParameters> P named(P p, ResourceKind kind, String name) {
        p.setNamespace("models");
        p.setKind(kind);
        p.setName(name);
        return p;
    }

    @Test
    void theKindIsAsSetAndASeldonDeploymentWhenNone() {
        GetParameters p = new GetParameters();
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind());
        p.setKind(ResourceKind.MODEL);
        assertEquals(ResourceKind.MODEL, p.getKind());
        p.setKind(null);
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind());
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, new RollbackParameters().getKind(), "rollbacks are of these");
    }

    @Test
    void aNameIsCheckedByTheRuleOfItsKind() {
        String longName = "a".repeat(64);
        assertTrue(assertThrows(InvalidInputException.class, () -> named(new GetParameters(),
                ResourceKind.SELDON_DEPLOYMENT, longName).validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("The SeldonDeployment name 'aaaa"), "a label: Core v1 names Services after it");
        assertDoesNotThrow(() -> named(new GetParameters(), ResourceKind.MODEL, longName)
                .validate(FieldLabels.PIPELINE), "Core v2 names may be longer");
        assertEquals("The Model name is missing", assertThrows(InvalidInputException.class,
                () -> named(new GetParameters(), ResourceKind.MODEL, null).validate(FieldLabels.PIPELINE))
                .getMessage());
        assertEquals("The Pipeline name is missing", assertThrows(InvalidInputException.class,
                () -> named(new DeleteParameters(), ResourceKind.EXPERIMENT, " ").validate(FieldLabels.PIPELINE))
                .getMessage(), "an Experiment is addressed by its main pipeline's name");
    }

    @Test
    void theNamespaceIsRequired() {
        GetParameters p = named(new GetParameters(), ResourceKind.PIPELINE, "iris");
        p.setNamespace(null);
        assertEquals("The namespace is missing",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void aMissingResourceFailsUnlessAllowed() {
        GetParameters get = new GetParameters();
        assertFalse(get.isAllowMissing());
        get.setAllowMissing(true);
        assertTrue(get.isAllowMissing());
        DeleteParameters delete = new DeleteParameters();
        assertFalse(delete.isAllowMissing());
        delete.setAllowMissing(true);
        assertTrue(delete.isAllowMissing());
    }

    @Test
    void aWaitLastsTenMinutesPollingEveryTenSecondsUnlessToldOtherwise() throws Exception {
        WaitParameters p = named(new WaitParameters(), ResourceKind.PIPELINE, "iris");
        assertEquals(600, p.getTimeout());
        assertEquals(10, p.getPollInterval());
        assertEquals(Duration.ofMinutes(10), p.timeout());
        assertEquals(Duration.ofSeconds(10), p.pollInterval());
        p.setTimeout(1);
        p.setPollInterval(1);
        assertEquals(1, p.getTimeout());
        assertEquals(1, p.getPollInterval());
        assertEquals(Duration.ofSeconds(1), p.pollInterval());
        p.validate(FORM);
        p.setName(null);
        assertEquals("The Pipeline name is missing",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
    }

    @Test
    void aGitHistoryIsOfTheLatestCommitUnlessOneIsGiven() {
        GitParameters p = named(new GitParameters(), ResourceKind.SELDON_DEPLOYMENT, "iris");
        assertNull(p.getHash());
        p.setHash(" abc1234 ");
        assertEquals("abc1234", p.getHash());
        p.setHash("${COMMIT}");
        p.setName("${APP}");
        p.setNamespace("${ENV}");
        GitParameters copy = p.expanded(VARIABLES);
        assertEquals("abc1234", copy.getHash());
        assertEquals("iris", copy.getName());
        assertEquals("prod", copy.getNamespace());
    }

    @Test
    void aRollbackIsChosenByTheFormAndRecordsItsMessage() {
        RollbackParameters p = new RollbackParameters();
        assertNull(p.getAction(), "nothing is rolled back by omission");
        p.setAction(RollbackAction.RESTORE);
        p.setHash(" abc1234 ");
        p.setMessage(" back to the state of Monday ");
        assertEquals(RollbackAction.RESTORE, p.getAction());
        assertEquals("abc1234", p.getHash());
        assertEquals("back to the state of Monday", p.getMessage());
    }

    @Test
    void aRollbackNamesItsDeploymentBeforeItsCommit() {
        RollbackParameters p = new RollbackParameters();
        p.setNamespace("prod");
        assertEquals("The SeldonDeployment name is missing",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
        p.setName("iris");
        assertEquals("Give the commit as Commit (its hash, as the deployment's git history lists it)",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
    }

    @Test
    void aRollbacksCopyExpandsTheDeploymentTheCommitAndTheMessage() {
        RollbackParameters p = new RollbackParameters();
        p.setNamespace("${ENV}");
        p.setName("${APP}");
        p.setHash("${COMMIT}");
        p.setMessage("roll ${APP} back");
        RollbackParameters copy = p.expanded(VARIABLES);
        assertEquals("prod", copy.getNamespace());
        assertEquals("iris", copy.getName());
        assertEquals("abc1234", copy.getHash());
        assertEquals("roll iris back", copy.getMessage());
    }
}

package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import org.junit.jupiter.api.Test;

class AuditMessagesTest {

    @Test
    void defaultNamesTheBuild() {
        assertEquals("Jenkins team/deploy-iris #42 https://ci.example.com/job/team/job/deploy-iris/42/",
                AuditMessages.message(null, "team/deploy-iris", 42,
                        "https://ci.example.com/job/team/job/deploy-iris/42/"));
        assertEquals("Jenkins deploy #7", AuditMessages.message("  ", "deploy", 7, null));
        assertEquals("Jenkins deploy #7", AuditMessages.message(null, "deploy", 7, " "));
    }

    @Test
    void overrideWinsAndIsKeptOnOneLine() {
        assertEquals("Promote iris v2 (abc123)", AuditMessages.message("Promote iris v2 (abc123)", "deploy", 7, null));
        assertEquals("line one  line two", AuditMessages.message(" line one\r\nline two\n", "deploy", 7, null));
        assertEquals(AuditMessages.MAX_LENGTH, AuditMessages.message("x".repeat(2000), "deploy", 7, null).length());
    }

    @Test
    void aPromotionNamesItsSourceFirst() {
        assertEquals("Promoted from Pipeline staging/iris (resourceVersion 42) on staging. Jenkins promote #3",
                AuditMessages.promotion("Pipeline staging/iris (resourceVersion 42) on staging", "Jenkins promote #3"));
        assertEquals("Promoted from Model staging/iris (resourceVersion 1) on dev",
                AuditMessages.promotion("Model staging/iris (resourceVersion 1) on dev", " "));
        assertEquals("Promoted from Model staging/iris (resourceVersion 1) on dev",
                AuditMessages.promotion("Model staging/iris (resourceVersion 1) on dev", null));
        String bounded = AuditMessages.promotion("Pipeline a/b (resourceVersion 1) on x", "y\n".repeat(400));
        assertEquals(AuditMessages.MAX_LENGTH, bounded.length());
        assertEquals(-1, bounded.indexOf('\n'));
    }

    @Test
    void actions() {
        assertEquals("Deployment created", AuditMessages.action(ResourceKind.SELDON_DEPLOYMENT, Change.Action.CREATED));
        assertEquals("Deployment deleted", AuditMessages.action(ResourceKind.SELDON_DEPLOYMENT, Change.Action.DELETED));
        assertEquals("Pipeline created", AuditMessages.action(ResourceKind.PIPELINE, Change.Action.CREATED));
        assertEquals("Model updated", AuditMessages.action(ResourceKind.MODEL, Change.Action.UPDATED));
        assertEquals("Experiment deleted", AuditMessages.action(ResourceKind.EXPERIMENT, Change.Action.DELETED));
        assertEquals("Experiment canary started", AuditMessages.action(ResourceKind.EXPERIMENT,
                Change.Action.CANARY_STARTED));
        assertEquals("Deployment shadow promoted", AuditMessages.action(ResourceKind.SELDON_DEPLOYMENT,
                Change.Action.SHADOW_PROMOTED));
    }
}

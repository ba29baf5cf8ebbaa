package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The target of a canary or shadow, named by a step's {@code pipeline:} or {@code deployment:} or by a form. */
class RolloutParametersTest {

    /** A form names the target with a kind and one name field. */
    private static final FieldLabels FORM = field -> switch (field) {
        case "pipeline", "deployment" -> "Name";
        case "weight" -> "Weight (%)";
        default -> null;
    };

    private static RolloutParameters rollout() {
        RolloutParameters p = new RolloutParameters();
        p.setNamespace("models");
        return p;
    }

    @Test
    void aFormSetsTheKindAndTheTargetWhichReadBackAsSet() {
        RolloutParameters p = new RolloutParameters();
        assertEquals(ResourceKind.PIPELINE, p.getKind(), "canaries are mostly of Core v2 pipelines");
        assertNull(p.getAction(), "nothing is promoted by omission");
        assertFalse(p.isAllowMissing());
        p.setKind(ResourceKind.SELDON_DEPLOYMENT);
        p.setTarget(" iris ");
        p.setAction(RolloutAction.REMOVE_SHADOW);
        p.setAllowMissing(true);
        p.setMessage(" end the shadow ");
        assertEquals("iris", p.getTarget());
        assertEquals("iris", p.getDeployment());
        assertNull(p.getPipeline());
        assertEquals(RolloutAction.REMOVE_SHADOW, p.getAction());
        assertTrue(p.isAllowMissing());
        assertEquals("end the shadow", p.getMessage());
        p.setKind(null);
        assertEquals(ResourceKind.PIPELINE, p.getKind(), "no kind means the default kind");
        assertEquals("iris", p.getPipeline());
        assertNull(p.getDeployment());
    }

    @Test
    void aStepsPipelineIsReportedBackAsAPipelineOnly() throws Exception {
        RolloutParameters p = rollout();
        p.setPipeline(" iris ");
        assertEquals(ResourceKind.PIPELINE, p.getKind());
        assertEquals("iris", p.getTarget());
        assertEquals("iris", p.getPipeline());
        assertNull(p.getDeployment());
        p.validate(FieldLabels.PIPELINE);
    }

    @Test
    void anAbsentNameDoesNotReplaceTheOtherKindsTarget() throws Exception {
        RolloutParameters p = rollout();
        p.setDeployment("iris");
        p.setPipeline(null);
        p.setPipeline(" ");
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind());
        assertEquals("iris", p.getDeployment());
        p.validate(FieldLabels.PIPELINE);
    }

    @Test
    void namingTheSameKindAgainReplacesTheTarget() throws Exception {
        RolloutParameters p = rollout();
        p.setPipeline("iris");
        p.setPipeline("iris-v2");
        assertEquals("iris-v2", p.getPipeline());
        p.validate(FieldLabels.PIPELINE);
    }

    @Test
    void aFormThatNamesNoTargetIsToldItsOneField() {
        RolloutParameters p = rollout();
        assertEquals("Name the main Pipeline or the SeldonDeployment whose traffic is split (Name)",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
    }

    @Test
    void theNamespaceAndTheTargetsNameAreChecked() {
        RolloutParameters noNamespace = new RolloutParameters();
        noNamespace.setPipeline("iris");
        assertEquals("The namespace is missing",
                assertThrows(InvalidInputException.class, () -> noNamespace.validate(FORM)).getMessage());
        RolloutParameters longDeployment = rollout();
        longDeployment.setDeployment("a".repeat(64));
        assertTrue(assertThrows(InvalidInputException.class, () -> longDeployment.validate(FORM)).getMessage()
                .startsWith("The SeldonDeployment name 'aaaa"));
        RolloutParameters experiment = rollout();
        experiment.setKind(ResourceKind.EXPERIMENT);
        experiment.setTarget("iris");
        assertEquals("Canaries and shadows are for Pipelines and SeldonDeployments, not Experiments",
                assertThrows(InvalidInputException.class, () -> experiment.validate(FORM)).getMessage());
    }

    @Test
    void aCopyExpandsTheNamespaceTheTargetAndTheMessage() {
        RolloutParameters p = new RolloutParameters();
        p.setNamespace("${ENV}");
        p.setPipeline("${APP}");
        p.setMessage("${APP} to ${ENV}");
        RolloutParameters copy = p.expanded(t -> t == null ? null
                : t.replace("${APP}", "iris").replace("${ENV}", "prod"));
        assertEquals("prod", copy.getNamespace());
        assertEquals("iris", copy.getPipeline());
        assertEquals("iris to prod", copy.getMessage());
    }

    @Test
    void aNewWeightIsFromZeroToAHundredPercent() {
        WeightParameters p = new WeightParameters();
        p.setNamespace("models");
        p.setPipeline("iris");
        assertNull(p.getWeight());
        assertEquals("Give the canary's share of the traffic as Weight (%), in percent from 0 to 100",
                assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
        for (int weight : new int[] {0, 100}) {
            p.setWeight(weight);
            assertEquals(weight, p.getWeight());
            assertDoesNotThrow(() -> p.validate(FORM), "weight " + weight);
        }
        for (int weight : new int[] {-1, 101}) {
            p.setWeight(weight);
            assertEquals("Weight (%) is a percentage from 0 to 100, not " + weight,
                    assertThrows(InvalidInputException.class, () -> p.validate(FORM)).getMessage());
        }
    }

    @Test
    void aNewWeightNeedsItsTargetFirst() {
        WeightParameters p = new WeightParameters();
        p.setNamespace("models");
        p.setWeight(50);
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("Name the main Pipeline or the SeldonDeployment whose traffic is split"));
    }
}

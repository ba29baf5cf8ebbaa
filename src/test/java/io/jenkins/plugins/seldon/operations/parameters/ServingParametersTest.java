package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * What serves models, named by a step's {@code deployment:}, {@code pipeline:} or {@code model:}, or by a form's kind
 * and name; only the kind given is reported back (e.g. to the Snippet Generator).
 */
class ServingParametersTest {

    private static ServingParameters serving() {
        ServingParameters p = new ServingParameters();
        p.setNamespace("models");
        return p;
    }

    @Test
    void eachKindIsReportedBackUnderItsOwnNameOnly() {
        ServingParameters deployment = serving();
        deployment.setDeployment(" iris ");
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, deployment.getKind());
        assertEquals("iris", deployment.getDeployment());
        assertNull(deployment.getPipeline());
        assertNull(deployment.getModel());

        ServingParameters pipeline = serving();
        pipeline.setPipeline("iris");
        assertEquals(ResourceKind.PIPELINE, pipeline.getKind());
        assertEquals("iris", pipeline.getPipeline());
        assertNull(pipeline.getDeployment());
        assertNull(pipeline.getModel());

        ServingParameters model = serving();
        model.setModel("classifier");
        assertEquals(ResourceKind.MODEL, model.getKind());
        assertEquals("classifier", model.getModel());
        assertEquals("classifier", model.getTarget());
        assertNull(model.getDeployment());
        assertNull(model.getPipeline());
    }

    @Test
    void aFormsKindDefaultsToASeldonDeployment() {
        ServingParameters p = serving();
        p.setKind(ResourceKind.PIPELINE);
        p.setTarget(" iris ");
        assertEquals("iris", p.getPipeline());
        p.setKind(null);
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind());
        assertEquals("iris", p.getDeployment());
    }

    @Test
    void anAbsentNameLeavesTheTargetAndNamingTheSameKindAgainReplacesIt() throws Exception {
        ServingParameters p = serving();
        p.setPipeline("iris");
        p.setDeployment(null);
        p.setModel(" ");
        p.setPipeline("iris-v2");
        assertEquals(ResourceKind.PIPELINE, p.getKind());
        assertEquals("iris-v2", p.getPipeline());
        p.validate(FieldLabels.PIPELINE);
    }

    @Test
    void anOperationWithoutModelsOffersOnlyDeploymentsAndPipelines() {
        ServingParameters p = serving();
        p.setDeployment("iris");
        p.setPipeline("iris");
        assertEquals("Give one of deployment: or pipeline:, not several",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        ServingParameters model = serving();
        model.setModel("classifier");
        assertEquals("This operation is for Pipelines and SeldonDeployments, not Models",
                assertThrows(InvalidInputException.class, () -> model.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void theNamespaceAndTheNameAreChecked() {
        ServingParameters noNamespace = new ServingParameters();
        noNamespace.setDeployment("iris");
        assertEquals("The namespace is missing", assertThrows(InvalidInputException.class,
                () -> noNamespace.validate(FieldLabels.PIPELINE)).getMessage());
        ServingParameters badName = serving();
        badName.setPipeline("iris.pipeline");
        assertEquals("The Pipeline name 'iris.pipeline' is not a valid name: use lower-case letters, digits and '-',"
                + " starting and ending with a letter or digit (Seldon Core v2 reserves '.' for routing, e.g."
                + " <name>.pipeline)", assertThrows(InvalidInputException.class,
                        () -> badName.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void aCopyExpandsTheNamespaceAndTheTarget() {
        ServingParameters p = new ServingParameters();
        p.setNamespace("${ENV}");
        p.setModel("${APP}");
        ServingParameters copy = p.expanded(t -> t == null ? null
                : t.replace("${APP}", "iris").replace("${ENV}", "prod"));
        assertEquals("prod", copy.getNamespace());
        assertEquals("iris", copy.getModel());
    }
}

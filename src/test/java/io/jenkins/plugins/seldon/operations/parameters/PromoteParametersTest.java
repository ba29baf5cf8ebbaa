package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A promotion's source and target: what is read where, and what it becomes on the target. */
class PromoteParametersTest {

    private static PromoteParameters promote(ResourceKind kind, String name) {
        PromoteParameters p = new PromoteParameters();
        p.setKind(kind);
        p.setName(name);
        p.setFromNamespace("staging");
        return p;
    }

    @Test
    void everyFieldReadsBackTrimmedAndBlankIsAbsent() {
        PromoteParameters p = new PromoteParameters();
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind());
        assertFalse(p.isDryRun());
        assertEquals(Map.of(), p.getPipelineRenames());
        p.setKind(ResourceKind.EXPERIMENT);
        p.setName(" iris ");
        p.setFromServer(" staging-server ");
        p.setFromCredentialsId(" staging-token ");
        p.setFromNamespace(" staging ");
        p.setTargetName(" iris-prod ");
        p.setDryRun(true);
        p.setMessage(" promote iris ");
        assertEquals(ResourceKind.EXPERIMENT, p.getKind());
        assertEquals("iris", p.getName());
        assertEquals("staging-server", p.getFromServer());
        assertEquals("staging-token", p.getFromCredentialsId());
        assertEquals("staging", p.getFromNamespace());
        assertEquals("iris-prod", p.getTargetName());
        assertTrue(p.isDryRun());
        assertEquals("promote iris", p.getMessage());

        p.setKind(null);
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind(), "no kind means the default kind");
        p.setFromCredentialsId(" ");
        p.setTargetName("");
        p.setMessage("\n");
        assertNull(p.getFromCredentialsId());
        assertNull(p.getTargetName());
        assertNull(p.getMessage());
    }

    /**
     * A Pipeline map reaches the setter as Groovy built it, whatever its declared types: {@code [iris: "iris-${env}"]}
     * holds a GString, which is no String (a StringBuilder stands in for it here).
     */
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void pipelineRenamesFromGroovyAreReadAsTextInTheirOrderAndNoneIsEmpty() {
        Map groovy = new LinkedHashMap();
        groovy.put(new StringBuilder("iris"), "iris-prod");
        groovy.put("router", new StringBuilder("router-prod"));
        PromoteParameters p = new PromoteParameters();
        p.setPipelineRenames(groovy);
        assertEquals(List.of(Map.entry("iris", "iris-prod"), Map.entry("router", "router-prod")),
                List.copyOf(p.getPipelineRenames().entrySet()));
        p.setPipelineRenames(null);
        assertEquals(Map.of(), p.getPipelineRenames());
    }

    @Test
    void aRenameToNothingIsReportedNotMadeToTheNameNull() {
        Map<String, String> toNothing = new LinkedHashMap<>();
        toNothing.put("iris", null);
        PromoteParameters p = promote(ResourceKind.EXPERIMENT, "iris");
        p.setPipelineRenames(toNothing);
        assertNull(p.getPipelineRenames().get("iris"));
        assertEquals("The Pipeline name is missing",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void anExperimentIsNamedByItsMainPipelineAndADeploymentByALabel() {
        PromoteParameters experiment = promote(ResourceKind.EXPERIMENT, null);
        assertEquals("The Pipeline name is missing", assertThrows(InvalidInputException.class,
                () -> experiment.validate(FieldLabels.PIPELINE)).getMessage());
        PromoteParameters deployment = promote(ResourceKind.SELDON_DEPLOYMENT, "a".repeat(64));
        assertTrue(assertThrows(InvalidInputException.class, () -> deployment.validate(FieldLabels.PIPELINE))
                .getMessage().startsWith("The SeldonDeployment name 'aaaa"));
        PromoteParameters pipeline = promote(ResourceKind.PIPELINE, "a".repeat(64));
        assertDoesNotThrow(() -> pipeline.validate(FieldLabels.PIPELINE), "Core v2 names may be longer");
    }

    @Test
    void theTargetNamespaceMayBeLeftOutButIsCheckedWhenGiven() {
        PromoteParameters p = promote(ResourceKind.PIPELINE, "iris");
        assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE));
        p.setNamespace("Prod_Models");
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("The namespace 'Prod_Models' is not a valid name"));
        p.setNamespace("prod");
        p.setFromNamespace("Staging");
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("The namespace 'Staging' is not a valid name"));
    }

    @Test
    void renamedPipelinesMustBeValidPipelineNames() {
        PromoteParameters p = promote(ResourceKind.EXPERIMENT, "iris");
        p.setPipelineRenames(Map.of("iris", "iris.prod"));
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("The Pipeline name 'iris.prod' is not a valid name"));
        p.setPipelineRenames(Map.of("Iris", "iris-prod"));
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("The Pipeline name 'Iris' is not a valid name"));
        p.setPipelineRenames(Map.of("iris", "iris-prod"));
        assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE));
    }

    @Test
    void aCopyExpandsTheTargetsServerAndNamespaceAndEveryNameButNotTheCredentials() {
        PromoteParameters p = promote(ResourceKind.PIPELINE, "${APP}");
        p.setServer("${ENV}");
        p.setNamespace("${ENV}-models");
        p.setFromCredentialsId("${APP}-token");
        p.setTargetName("${APP}-${ENV}");
        p.setMessage("to ${ENV}");
        PromoteParameters copy = p.expanded(t -> t == null ? null
                : t.replace("${APP}", "iris").replace("${ENV}", "prod"));
        assertEquals("prod", copy.getServer());
        assertEquals("prod-models", copy.getNamespace());
        assertEquals("iris", copy.getName());
        assertEquals("iris-prod", copy.getTargetName());
        assertEquals("to prod", copy.getMessage());
        assertEquals("${APP}-token", copy.getFromCredentialsId());
    }
}

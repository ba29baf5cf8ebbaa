package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one description of each operation's inputs, as both the Pipeline steps and the freestyle build steps use it:
 * normalised by the setters, checked in the words of the screen the user is on, expanded in a copy.
 */
class OperationParametersTest {

    /** A form's words, as the freestyle build steps give them. */
    private static final FieldLabels FORM = field -> switch (field) {
        case "file" -> "Manifest file";
        case "manifest" -> "Manifest";
        case "timeout" -> "Timeout";
        case "pollInterval" -> "Poll interval";
        case "pipeline" -> "Pipeline";
        case "dryRun" -> "Dry run";
        case "wait" -> "Wait until ready";
        default -> null;
    };

    private static final Map<String, String> VARIABLES = Map.of("NS", "staging", "MODEL", "iris", "SERVER", "prod",
            "FILE", "release.yaml", "WHY", "release 7");

    private static String expand(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    @Test
    void settersTrimAndTreatBlankAsAbsent() {
        GetParameters p = new GetParameters();
        p.setServer("  ");
        p.setCredentialsId(" team ");
        p.setNamespace(" models\n");
        p.setName("");
        p.setKind(null);
        assertNull(p.getServer());
        assertEquals("team", p.getCredentialsId());
        assertEquals("models", p.getNamespace());
        assertNull(p.getName());
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind(), "no kind means the default kind");
    }

    @Test
    void aCopyIsExpandedButNeitherTheOriginalNorTheCredentialNorTheManifest() {
        ApplyParameters p = new ApplyParameters();
        p.setServer("${SERVER}");
        p.setCredentialsId("${CREDENTIAL}");
        p.setNamespace("${NS}");
        p.setManifest("metadata: {name: ${MODEL}}");
        p.setMessage("${WHY}");

        ApplyParameters copy = p.expanded(OperationParametersTest::expand);

        assertEquals("prod", copy.getServer());
        assertEquals("staging", copy.getNamespace());
        assertEquals("release 7", copy.getMessage());
        assertEquals("${CREDENTIAL}", copy.getCredentialsId(), "credentials parameters are the Credentials plugin's");
        assertEquals("metadata: {name: ${MODEL}}", copy.getManifest(), "the manifest's own text is not expanded here");
        assertEquals("${NS}", p.getNamespace(), "the configured value stays as configured");
        assertEquals("${SERVER}", p.getServer());
    }

    @Test
    void expansionReachesEveryNamingField() {
        DeleteParameters delete = new DeleteParameters();
        delete.setNamespace("${NS}");
        delete.setName("${MODEL}");
        delete.setMessage("${WHY}");
        DeleteParameters d = delete.expanded(OperationParametersTest::expand);
        assertEquals("staging", d.getNamespace());
        assertEquals("iris", d.getName());
        assertEquals("release 7", d.getMessage());

        ListParameters list = new ListParameters();
        list.setKind(ResourceKind.MODEL);
        list.setNamespace("${NS}");
        list.setPipeline("${MODEL}-pipeline");
        ListParameters l = list.expanded(OperationParametersTest::expand);
        assertEquals("iris-pipeline", l.getPipeline());
        assertSame(ResourceKind.MODEL, l.getKind());

        ApplyParameters apply = new ApplyParameters();
        apply.setFile("${FILE}");
        assertEquals("release.yaml", apply.<ApplyParameters>expanded(OperationParametersTest::expand).getFile());
    }

    @Test
    void anExpansionToNothingLeavesTheFieldAbsent() {
        GetParameters p = new GetParameters();
        p.setNamespace("${EMPTY}");
        GetParameters copy = p.expanded(text -> text == null ? null : text.replace("${EMPTY}", " "));
        assertNull(copy.getNamespace());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> copy.validate(FieldLabels.PIPELINE));
        assertTrue(e.getMessage().toLowerCase().contains("namespace"), e.getMessage());
    }

    @Test
    void waitsNeedAtLeastOneSecondInTheScreensWords() {
        WaitParameters p = new WaitParameters();
        p.setNamespace("models");
        p.setName("iris");
        p.setTimeout(0);
        InvalidInputException pipeline = assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));
        assertEquals("timeout: must be at least 1 second, not 0", pipeline.getMessage());
        p.setTimeout(60);
        p.setPollInterval(-5);
        InvalidInputException form = assertThrows(InvalidInputException.class, () -> p.validate(FORM));
        assertEquals("Poll interval must be at least 1 second, not -5", form.getMessage());
        p.setPollInterval(1);
        assertDoesNotThrow(() -> p.validate(FORM));
        assertEquals(60, p.timeout().toSeconds());
    }

    @Test
    void anApplyChecksItsWaitOnlyWhenItWaits() throws Exception {
        ApplyParameters p = new ApplyParameters();
        p.setManifest("kind: Model");
        p.setTimeout(0);
        p.validate(FORM);
        p.setWait(true);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.validate(FORM));
        assertEquals("Timeout must be at least 1 second, not 0", e.getMessage());
    }

    @Test
    void anApplyNeedsExactlyOneSourceNamedAsTheScreenNamesThem() {
        ApplyParameters none = new ApplyParameters();
        InvalidInputException form = assertThrows(InvalidInputException.class, () -> none.validate(FORM));
        assertEquals("Give the manifest as exactly one of Manifest file or Manifest", form.getMessage(),
                "a form has no map field");
        InvalidInputException pipeline = assertThrows(InvalidInputException.class,
                () -> none.validate(FieldLabels.PIPELINE));
        assertEquals("Give the manifest as exactly one of file:, manifest: or resource:", pipeline.getMessage());

        ApplyParameters two = new ApplyParameters();
        two.setFile("a.yaml");
        two.setResource(Map.of("kind", "Model"));
        assertThrows(InvalidInputException.class, () -> two.validate(FieldLabels.PIPELINE));
    }

    @Test
    void aDryRunCannotWait() {
        ApplyParameters p = new ApplyParameters();
        p.setManifest("kind: Model");
        p.setDryRun(true);
        p.setWait(true);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.validate(FORM));
        assertTrue(e.getMessage().endsWith("give Dry run or Wait until ready, not both"), e.getMessage());
    }

    @Test
    void theNamespaceOfAnApplyMayComeFromEachManifestButIsCheckedWhenGiven() throws Exception {
        ApplyParameters p = new ApplyParameters();
        p.setManifest("kind: Model");
        p.validate(FieldLabels.PIPELINE);
        p.setNamespace("Not_A_Namespace");
        assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));
    }

    @Test
    void listsKnowWhatTheApiCanList() throws Exception {
        ListParameters models = new ListParameters();
        models.setNamespace("models");
        models.setKind(ResourceKind.MODEL);
        assertThrows(InvalidInputException.class, () -> models.validate(FORM), "the Models of which pipeline?");
        models.setPipeline("iris-pipeline");
        models.validate(FORM);

        ListParameters experiments = new ListParameters();
        experiments.setNamespace("models");
        experiments.setKind(ResourceKind.EXPERIMENT);
        assertThrows(InvalidInputException.class, () -> experiments.validate(FORM));

        ListParameters deployments = new ListParameters();
        deployments.setNamespace("models");
        deployments.setPipeline("iris-pipeline");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> deployments.validate(FORM));
        assertEquals("Pipeline applies only to the Models of a pipeline", e.getMessage());
    }

    @Test
    void anExperimentIsAddressedByItsPipelinesName() throws Exception {
        GetParameters p = new GetParameters();
        p.setNamespace("models");
        p.setKind(ResourceKind.EXPERIMENT);
        p.setName("iris-pipeline");
        p.validate(FieldLabels.PIPELINE);
        p.setName("iris.pipeline");
        assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE),
                "Core v2 names have no dots");
    }

    @Test
    void aRolloutTargetIsAPipelineOrADeploymentNeverBoth() throws Exception {
        RolloutParameters p = new RolloutParameters();
        p.setNamespace("models");
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));
        assertEquals("Name the main Pipeline or the SeldonDeployment whose traffic is split (pipeline: or deployment:)",
                none.getMessage());
        p.setDeployment("iris");
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind());
        assertEquals("iris", p.getDeployment());
        assertNull(p.getPipeline(), "only the kind given is reported back, e.g. to the Snippet Generator");
        p.validate(FieldLabels.PIPELINE);
        p.setPipeline("iris");
        InvalidInputException both = assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));
        assertEquals("Give either pipeline: or deployment:, not both", both.getMessage());

        RolloutParameters model = new RolloutParameters();
        model.setNamespace("models");
        model.setKind(ResourceKind.MODEL);
        model.setTarget("iris");
        assertThrows(InvalidInputException.class, () -> model.validate(FORM), "no canaries of Models");
    }

    @Test
    void aCanaryNeedsAWeightFromZeroToAHundredAndACandidate() throws Exception {
        CanaryParameters p = new CanaryParameters();
        p.setNamespace("models");
        p.setPipeline("iris");
        p.setCandidate("iris-v2");
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));
        assertEquals("Give the canary's share of the traffic as weight:, in percent from 0 to 100",
                missing.getMessage());
        p.setWeight(101);
        assertEquals("weight: is a percentage from 0 to 100, not 101",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setWeight(0);
        p.validate(FieldLabels.PIPELINE);
        p.setCandidate(null);
        assertEquals("Name the candidate pipeline with candidate:, or give its manifest as file:, manifest: or resource:",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setManifest("kind: Pipeline");
        p.validate(FieldLabels.PIPELINE);
        p.setFile("candidate.yaml");
        assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE), "two manifest sources");

        WeightParameters weight = new WeightParameters();
        weight.setNamespace("models");
        weight.setDeployment("iris");
        weight.setWeight(-1);
        assertThrows(InvalidInputException.class, () -> weight.validate(FieldLabels.PIPELINE));
    }

    @Test
    void aDeploymentsCandidateIsAPredictorFromAManifest() {
        CandidateParameters p = new CandidateParameters();
        p.setNamespace("models");
        p.setDeployment("iris");
        p.setCandidate("v2");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));
        assertTrue(e.getMessage().startsWith("The candidate of a SeldonDeployment is a predictor: give it as file:,"
                + " manifest: or resource:"), e.getMessage());
    }

    @Test
    void aPromotionNeedsItsSourceAndRenamesOnlyAnExperimentsPipelines() throws Exception {
        PromoteParameters p = new PromoteParameters();
        p.setKind(ResourceKind.PIPELINE);
        p.setName("iris");
        assertEquals("Give the source namespace as fromNamespace:",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setFromNamespace("staging");
        p.validate(FieldLabels.PIPELINE);
        p.setPipelineRenames(Map.of("iris", "iris-prod"));
        assertTrue(assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage()
                .startsWith("pipelineRenames: applies to the pipelines an Experiment refers to"));
        p.setKind(ResourceKind.EXPERIMENT);
        p.validate(FieldLabels.PIPELINE);
        p.setTargetName("Not.Valid");
        assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE));

        p.setTargetName(null);
        p.setFromServer("${SOURCE}");
        p.setFromNamespace("${NS}");
        PromoteParameters copy = p.expanded(text -> text == null ? null
                : text.replace("${SOURCE}", "staging").replace("${NS}", "models"));
        assertEquals("staging", copy.getFromServer());
        assertEquals("models", copy.getFromNamespace());
        assertNull(copy.getNamespace(), "the target namespace defaults to the source's");
    }
}

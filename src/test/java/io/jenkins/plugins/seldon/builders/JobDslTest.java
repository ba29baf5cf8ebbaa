package io.jenkins.plugins.seldon.builders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.tasks.Builder;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.RolloutAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Job DSL names of the build steps (the README lists them): the uncapitalised class names. */
@WithJenkinsConfiguredWithCode
class JobDslTest {

    @Test
    @ConfiguredWithCode("job-dsl.yml")
    void buildStepsByTheirJobDslNames(JenkinsConfiguredWithCodeRule j) {
        FreeStyleProject p = j.jenkins.getItemByFullName("dsl", FreeStyleProject.class);
        List<Builder> steps = p.getBuildersList();
        assertEquals(6, steps.size());
        SeldonApplyBuilder apply = (SeldonApplyBuilder) steps.get(0);
        assertEquals("deploy/iris.yaml", apply.getFile());
        assertEquals("Deploy iris", apply.getMessage());
        SeldonWaitBuilder wait = (SeldonWaitBuilder) steps.get(1);
        assertEquals(300, wait.getTimeout());
        assertEquals(5, wait.getPollInterval());
        assertEquals("deployments.json", ((SeldonListBuilder) steps.get(2)).getOutputFile());
        SeldonDeleteBuilder delete = (SeldonDeleteBuilder) steps.get(3);
        assertTrue(delete.isAllowMissing());
        assertEquals("prod", delete.getServer());
        assertEquals("team-seldon", delete.getCredentialsId());
        SeldonRolloutBuilder rollout = (SeldonRolloutBuilder) steps.get(4);
        assertEquals(RolloutAction.REMOVE_SHADOW, rollout.getAction());
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, rollout.getKind());
        assertEquals("iris", rollout.getTarget());
        assertTrue(rollout.isAllowMissing());
        SeldonPromoteBuilder promote = (SeldonPromoteBuilder) steps.get(5);
        assertEquals(ResourceKind.PIPELINE, promote.getKind());
        assertEquals(List.of("iris", "models", "staging", "serving", "prod"), List.of(promote.getName(),
                promote.getFromNamespace(), promote.getFromServer(), promote.getNamespace(), promote.getServer()));
        assertTrue(promote.isDryRun());
    }
}

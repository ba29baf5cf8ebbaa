package io.jenkins.plugins.seldon.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.seldon.structure.fixture.LookAlikes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The structural rules on look-alike fixtures: silent on one that follows them, each rule caught once on one that doesn't. */
class LayerStructureTest {

    private static final String FIXTURES = "io.jenkins.plugins.seldon.structure.fixture";
    private static final LayerStructure.JenkinsNames LOOK_ALIKES = new LayerStructure.JenkinsNames(
            LookAlikes.DataBoundConstructor.class.getName(),
            LookAlikes.DataBoundSetter.class.getName(),
            LookAlikes.POST.class.getName(),
            LookAlikes.Descriptor.class.getName(),
            LookAlikes.StepDescriptor.class.getName(),
            LookAlikes.BuildStepDescriptor.class.getName(),
            LookAlikes.Symbol.class.getName(),
            Set.of("checkPermission"));
    private static final Pattern LOOK_ALIKE_DESCRIPTOR =
            Pattern.compile("(?:^|L)(io/jenkins/plugins/seldon/structure/fixture/LookAlikes\\$Descriptor)");
    /** The layers may only go down; 'client' of the bad fixture is left out, to be reported as unlisted. */
    private static final Map<String, Set<String>> FIXTURE_DEPENDENCIES = Map.of(
            "", Set.of(),
            "layers.low", Set.of(),
            "layers.high", Set.of("layers.low"));

    @Test
    void followingEveryRuleGivesNoFinding() throws Exception {
        LayerStructure good = fixtures("good");
        assertEquals(List.of(), good.dataBoundPropertiesWithoutGetter());
        assertEquals(List.of(), good.jellyFieldsWithoutProperty());
        assertEquals(List.of(), good.fieldsWithoutHelp());
        assertEquals(List.of(), good.jellyWithoutEscapeByDefault());
        assertEquals(List.of(), good.unprotectedWebMethods());
        assertEquals(List.of(), good.duplicateStepFunctionNames());
        assertEquals(List.of(), good.references(Set.of("client"), LOOK_ALIKE_DESCRIPTOR));
        assertEquals(List.of(), good.brokenIncludes());
        assertEquals(List.of(), good.identicalHelpFiles());
        assertEquals(List.of(), good.buildStepsWithSymbol());
        assertEquals(List.of(), good.forbiddenDependencies(FIXTURE_DEPENDENCIES));
        assertEquals(List.of(), good.packageCycles());
    }

    @Test
    void breakingEachRuleIsReported() throws Exception {
        LayerStructure bad = fixtures("bad");
        String thing = FIXTURES + ".bad.BadThing";
        String dir = FIXTURES.replace('.', '/') + "/bad/";
        String view = dir + "BadThing/config.jelly";
        String fragment = dir + "BadForms/parts.jelly";
        String layers = FIXTURES + ".bad.layers.";
        assertEquals(List.of(
                thing + ": @DataBoundConstructor parameter 'name' has no public getter",
                thing + ": @DataBoundSetter property 'level' has no public getter"),
                bad.dataBoundPropertiesWithoutGetter());
        assertEquals(List.of(
                view + ": field 'missing' is not a property of " + thing,
                view + ": field 'unknown' (from " + fragment + ") is not a property of " + thing),
                bad.jellyFieldsWithoutProperty());
        assertEquals(List.of(
                view + ": field 'name' has no help-name.html",
                view + ": field 'level' (from " + fragment + ") has no help-level.html"),
                bad.fieldsWithoutHelp());
        assertEquals(List.of(view + ": does not declare <?jelly escape-by-default='true'?>"),
                bad.jellyWithoutEscapeByDefault());
        assertEquals(List.of(
                thing + "$DescriptorImpl.doCheckName: web method is not @POST",
                thing + "$DescriptorImpl.doCheckName: web method checks no permission"),
                bad.unprotectedWebMethods());
        assertEquals(List.of("step function name 'sameStep' is used by [" + thing + "$FirstStep, " + thing
                + "$SecondStep]"), bad.duplicateStepFunctionNames());
        assertEquals(List.of(FIXTURES + ".bad.client.UsesLookAlike uses [" + FIXTURES + ".LookAlikes$Descriptor]"),
                bad.references(Set.of("client"), LOOK_ALIKE_DESCRIPTOR));
        assertEquals(List.of(
                view + ": includes 'absent.jelly', which neither " + FIXTURES + ".bad.BadForms nor a superclass has",
                view + ": includes 'parts.jelly' without a literal class, so its fields go unchecked"),
                bad.brokenIncludes());
        assertEquals(List.of("help files with identical text: [" + dir + "BadForms/help-unknown.html, " + dir
                + "BadThing/help-unknown.html]"), bad.identicalHelpFiles());
        assertEquals(List.of(thing + "$BuilderDescriptor: build step descriptor has @Symbol, a second Pipeline name"
                + " beside the step's"), bad.buildStepsWithSymbol());
        assertEquals(List.of(
                "package " + FIXTURES + ".bad.client has no entry in the dependency table",
                layers + "low.Low may not use " + layers + "high (uses " + layers + "high.High)"),
                bad.forbiddenDependencies(FIXTURE_DEPENDENCIES));
        assertEquals(List.of("packages in a cycle: [" + layers + "high, " + layers + "low] (" + layers
                + "high.High uses " + layers + "low; " + layers + "low.Low uses " + layers + "high)"),
                bad.packageCycles());
    }

    private static LayerStructure fixtures(String name) throws IOException, URISyntaxException {
        Path testClasses = Path.of(LookAlikes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new LayerStructure(testClasses, FIXTURES + "." + name, LayerStructureTest.class.getClassLoader(),
                LOOK_ALIKES);
    }
}

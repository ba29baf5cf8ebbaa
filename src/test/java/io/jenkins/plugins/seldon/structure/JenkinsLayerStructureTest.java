package io.jenkins.plugins.seldon.structure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.ServerSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins layer's structural rules and the plugin's package dependencies, checked on its compiled classes and
 * resources. They need no running Jenkins, so they run in the offline build too; {@link LayerStructureTest} shows
 * each rule can fail.
 */
class JenkinsLayerStructureTest {

    private static final String ROOT_PACKAGE = "io.jenkins.plugins.seldon";
    private static final Set<String> JENKINS_FREE = Set.of("client", "operations");
    private static final Pattern JENKINS_TYPE = Pattern.compile(
            "(?:^|L)((?:hudson|jenkins|org/jenkinsci|org/kohsuke|org/jvnet/hudson|com/cloudbees)/[\\w/$]*"
                    + "|io/jenkins/(?!plugins/seldon/)[\\w/$]*)");
    private static final Pattern JENKINS_IMPORT = Pattern.compile(
            "(?m)^\\s*import\\s+(?:static\\s+)?((?:hudson|jenkins|org\\.jenkinsci|org\\.kohsuke|org\\.jvnet\\.hudson"
                    + "|com\\.cloudbees)\\.[\\w.*]+|io\\.jenkins\\.(?!plugins\\.seldon\\.)[\\w.*]+)\\s*;");

    /**
     * Which of the plugin's own packages each package may use besides itself; keys and entries take in their
     * sub-packages (client: client.api, client.auth, client.http, client.error; operations: operations.parameters).
     */
    private static final Map<String, Set<String>> ALLOWED_DEPENDENCIES = Map.of(
            "client", Set.of(),
            "operations", Set.of("client"),
            "credentials", Set.of(),
            "config", Set.of("client", "credentials"),
            "build", Set.of("client", "operations", "credentials", "config"),
            // Pipeline steps and freestyle build steps share what is in 'build', never each other.
            "steps", Set.of("build", "client", "operations", "config", "credentials"),
            "builders", Set.of("build", "client", "operations", "config", "credentials"));

    private static Path classes;
    private static LayerStructure layer;

    @BeforeAll
    static void readCompiledPlugin() throws IOException, URISyntaxException {
        classes = Path.of(ServerSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        layer = new LayerStructure(classes, ROOT_PACKAGE, JenkinsLayerStructureTest.class.getClassLoader(),
                LayerStructure.JenkinsNames.REAL);
    }

    @Test
    void everyDataBoundPropertyHasAGetter() {
        assertNone(layer.dataBoundPropertiesWithoutGetter());
    }

    @Test
    void everyJellyFieldIsAProperty() throws IOException {
        assertNone(layer.jellyFieldsWithoutProperty());
    }

    @Test
    void everyFormFieldHasHelp() throws IOException {
        assertNone(layer.fieldsWithoutHelp());
    }

    @Test
    void everyIncludedViewIsFound() throws IOException {
        assertNone(layer.brokenIncludes());
    }

    @Test
    void noHelpTextIsCopied() throws IOException {
        assertNone(layer.identicalHelpFiles());
    }

    @Test
    void freestyleBuildStepsHaveNoPipelineSymbol() {
        assertNone(layer.buildStepsWithSymbol());
    }

    @Test
    void packagesUseOnlyTheirAllowedDependencies() {
        assertNone(layer.forbiddenDependencies(ALLOWED_DEPENDENCIES));
    }

    @Test
    void packagesHaveNoCycles() {
        assertNone(layer.packageCycles());
    }

    @Test
    void everyViewEscapesByDefault() throws IOException {
        assertNone(layer.jellyWithoutEscapeByDefault());
    }

    @Test
    void everyWebMethodIsPostAndChecksAPermission() {
        assertNone(layer.unprotectedWebMethods());
    }

    @Test
    void stepFunctionNamesAreUnique() {
        assertNone(layer.duplicateStepFunctionNames());
    }

    @Test
    void clientAndOperationsUseNoJenkinsType() {
        assertNone(layer.references(JENKINS_FREE, JENKINS_TYPE));
    }

    @Test
    void clientAndOperationsSourcesImportNothingFromJenkins() throws IOException {
        Path sources = sourceRoot().resolve(ROOT_PACKAGE.replace('.', '/'));
        List<String> problems = new ArrayList<>();
        for (String sub : JENKINS_FREE) {
            Path dir = sources.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    Matcher m = JENKINS_IMPORT.matcher(Files.readString(file));
                    while (m.find()) {
                        problems.add(sources.relativize(file) + " imports " + m.group(1));
                    }
                }
            }
        }
        assertNone(problems);
    }

    /** The repository's src/main/java: above the classes directory in both the real and the offline build. */
    private static Path sourceRoot() {
        for (Path dir = classes; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src/main/java");
            if (Files.isDirectory(candidate.resolve(ROOT_PACKAGE.replace('.', '/')))) {
                return candidate;
            }
        }
        throw new AssertionError("no src/main/java above " + classes);
    }

    private static void assertNone(List<String> problems) {
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    }
}

package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

    static final String YAML = """
            apiVersion: machinelearning.seldon.io/v1
            kind: SeldonDeployment
            metadata:
              name: iris
              labels:
                team: ml
            spec:
              predictors:
              - name: default
                replicas: 1
                traffic: 100
                graph:
                  name: classifier
                  implementation: SKLEARN_SERVER
                  modelUri: gs://seldon-models/sklearn/iris
            """;

    @Test
    void parsesYaml() throws Exception {
        ObjectNode tree = Manifests.parse(YAML, "iris.yaml");
        assertEquals("iris", tree.at("/metadata/name").asText());
        assertEquals(1, tree.at("/spec/predictors/0/replicas").intValue());
        Manifests.ValidManifest valid = Manifests.validate(tree, "staging", "iris.yaml");
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, valid.kind());
        assertEquals("iris", valid.name());
        assertEquals("iris", valid.address());
        assertEquals("staging", valid.namespace());
    }

    @Test
    void parsesJson() throws Exception {
        ObjectNode tree = Manifests.parse("  \n{\"apiVersion\": \"machinelearning.seldon.io/v1\", \"kind\": \"SeldonDeployment\","
                + " \"metadata\": {\"name\": \"iris\"}, \"spec\": {}}", "iris.json");
        assertEquals("iris", Manifests.validate(tree, "staging", "iris.json").name());
    }

    @Test
    void yamlErrorPointsAtTheProblem() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.parse("apiVersion: v1\nkind: X\nmetadata:\n  name: a: b\n", "deploy/iris.yaml"));
        assertEquals(4, e.line());
        assertEquals(10, e.column());
        assertEquals("deploy/iris.yaml: invalid YAML at line 4, column 10: mapping values are not allowed here",
                e.getMessage());
    }

    @Test
    void yamlErrorUsesTheProblemNotTheContext() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.parse("metadata:\n\tname: iris\n", "m.yaml"));
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("cannot start any token"), e.getMessage());

        e = assertThrows(InvalidInputException.class, () -> Manifests.parse("a: [1, 2\nb: 3\n", "m.yaml"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().endsWith("(while parsing a flow sequence started at line 1, column 4)"),
                e.getMessage());
    }

    @Test
    void jsonErrorsAreReportedAsJson() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.parse("{\n  \"a\": 1,\n  \"b\": \n}\n", "manifest"));
        assertEquals(4, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().startsWith("manifest: invalid JSON at line 4, column 1: Unexpected character ('}'"),
                e.getMessage());

        e = assertThrows(InvalidInputException.class, () -> Manifests.parse("{\"a\": 1", "manifest"));
        assertEquals("manifest: invalid JSON at line 1, column 8: Unexpected end-of-input: expected close marker for"
                + " Object", e.getMessage());
    }

    @Test
    void duplicateKeysAreErrors() {
        InvalidInputException yaml = assertThrows(InvalidInputException.class,
                () -> Manifests.parse("a: 1\nb: 2\na: 3\n", "m.yaml"));
        assertEquals(3, yaml.line());
        assertEquals("m.yaml: invalid YAML at line 3, column 1: duplicate key 'a'", yaml.getMessage());
        InvalidInputException json = assertThrows(InvalidInputException.class,
                () -> Manifests.parse("{\"a\": 1, \"a\": 2}", "m.json"));
        assertTrue(json.getMessage().contains("Duplicate field 'a'"), json.getMessage());
    }

    @Test
    void exactlyOneDocument() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.parse("a: 1\n---\nb: 2\n", "all.yaml"));
        assertEquals("all.yaml: more than one document (the second is document 2, line 3); give exactly one resource"
                + " here", e.getMessage());
        assertThrows(InvalidInputException.class, () -> Manifests.parse("{\"a\": 1} {\"b\": 2}", "m.json"));
        // Empty documents around the one that counts are fine, as with kubectl.
        assertEquals(1, Manifests.parse("---\na: 1\n---\n", "m.yaml").get("a").intValue());
    }

    @Test
    void emptyOrNotAMapping() {
        for (String empty : new String[] {"", "  \n", "# only a comment\n", "---\n", "~\n"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Manifests.parse(empty, "m.yaml"));
            assertEquals("m.yaml: the manifest is empty", e.getMessage());
        }
        assertEquals("m.yaml: the manifest is empty",
                assertThrows(InvalidInputException.class, () -> Manifests.parse(null, "m.yaml")).getMessage());
        assertEquals("m.yaml: the top level must be a mapping (apiVersion, kind, metadata, spec), not a list",
                assertThrows(InvalidInputException.class, () -> Manifests.parse("- a\n- b\n", "m.yaml")).getMessage());
        assertEquals("m.yaml: the top level must be a mapping (apiVersion, kind, metadata, spec), not a string",
                assertThrows(InvalidInputException.class, () -> Manifests.parse("iris\n", "m.yaml")).getMessage());
    }

    @Test
    void fromMapConvertsPipelineValues() throws Exception {
        Map<Object, Object> graph = new LinkedHashMap<>();
        graph.put("name", new StringBuilder("classif").append("ier")); // a CharSequence, like a Groovy GString
        graph.put("children", new ArrayList<>());
        graph.put("parameters", null);
        graph.put("endpoint", jsonNull());
        Map<Object, Object> predictor = new LinkedHashMap<>();
        predictor.put("replicas", 2);
        predictor.put("traffic", 100L);
        predictor.put("shadow", false);
        predictor.put("weight", new BigDecimal("0.5"));
        predictor.put("ratio", 0.25d);
        predictor.put("big", new BigInteger("123456789012345678901234567890"));
        predictor.put("small", (short) 3);
        predictor.put("graph", graph);
        Map<Object, Object> manifest = new LinkedHashMap<>();
        manifest.put("apiVersion", "machinelearning.seldon.io/v1");
        manifest.put("spec", Map.of("predictors", List.of(predictor)));

        ObjectNode tree = Manifests.fromMap(manifest, "deployment");

        JsonNode p = tree.at("/spec/predictors/0");
        assertEquals("classifier", p.at("/graph/name").textValue());
        assertTrue(p.at("/graph/children").isArray());
        assertTrue(p.at("/graph/parameters").isNull());
        assertTrue(p.at("/graph/endpoint").isNull());
        assertTrue(p.get("replicas").isInt());
        assertTrue(p.get("traffic").isLong());
        assertTrue(p.get("shadow").isBoolean());
        assertEquals("0.5", p.get("weight").asText());
        assertEquals(0.25d, p.get("ratio").doubleValue());
        assertEquals("123456789012345678901234567890", p.get("big").asText());
        assertEquals(3, p.get("small").intValue());
    }

    @Test
    void fromMapNamesThePathOfABadValue() {
        Map<String, Object> manifest = new HashMap<>();
        manifest.put("spec", Map.of("predictors", List.of(Map.of("name", "a"), Map.of("created", new Date(0)))));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.fromMap(manifest, "deployment"));
        assertEquals("deployment.spec.predictors[1].created: unsupported value of type java.util.Date; use maps,"
                + " lists, strings, numbers, booleans or null", e.getMessage());

        Map<Object, Object> badKey = new HashMap<>();
        badKey.put("metadata", Map.of(1, "x"));
        assertEquals("deployment.metadata: keys must be strings, found java.lang.Integer",
                assertThrows(InvalidInputException.class, () -> Manifests.fromMap(badKey, "deployment")).getMessage());

        assertTrue(assertThrows(InvalidInputException.class,
                () -> Manifests.fromMap(Map.of("x", Double.NaN), "deployment")).getMessage().startsWith("deployment.x:"));
    }

    @Test
    void fromMapStopsAtAMapThatContainsItself() {
        Map<String, Object> loop = new HashMap<>();
        loop.put("self", loop);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Manifests.fromMap(loop, "deployment"));
        assertTrue(e.getMessage().contains("does a map contain itself?"), e.getMessage());
        List<Object> list = new ArrayList<>();
        list.add("x");
        list.add(list);
        e = assertThrows(InvalidInputException.class, () -> Manifests.fromMap(Map.of("spec", list), "deployment"));
        assertTrue(e.getMessage().startsWith("deployment.spec[1][1][1]"), e.getMessage());
        assertTrue(e.getMessage().contains("nested more than " + Manifests.MAX_DEPTH + " levels deep"), e.getMessage());
    }

    @Test
    void fromMapNestsUpToTheLimit() throws Exception {
        Map<String, Object> deepest = new HashMap<>();
        Map<String, Object> m = deepest;
        // The innermost map MAX_DEPTH levels below the top one.
        for (int i = 0; i < Manifests.MAX_DEPTH; i++) {
            m = new HashMap<>(Map.of("a", m));
        }
        assertEquals(Manifests.MAX_DEPTH + 1, Manifests.fromMap(m, "deployment").toString().chars()
                .filter(c -> c == '{').count());
        Map<String, Object> tooDeep = Map.of("a", m);
        assertThrows(InvalidInputException.class, () -> Manifests.fromMap(tooDeep, "deployment"));
    }

    @Test
    void fromMapRefusesNumbersJsonCannotHold() {
        for (Object n : new Object[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.NaN}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Manifests.fromMap(Map.of("replicas", n), "deployment"));
            assertEquals("deployment.replicas: " + ((Number) n).doubleValue() + " cannot be sent as JSON", e.getMessage());
        }
    }

    @Test
    void validateNamesTheFieldAtFault() throws Exception {
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: iris}\nspec: {}",
                "ns", null);
        assertInvalid("kind: SeldonDeployment\nmetadata: {name: iris}\nspec: {}", "staging",
                "m.yaml: apiVersion is missing; expected machinelearning.seldon.io/v1");
        assertInvalid("apiVersion: apps/v1\nkind: SeldonDeployment\nmetadata: {name: iris}\nspec: {}", "staging",
                "m.yaml: apiVersion is 'apps/v1'; expected machinelearning.seldon.io/v1 for a SeldonDeployment");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: Deployment\nmetadata: {name: iris}\nspec: {}",
                "staging", "m.yaml: kind is 'Deployment'; expected one of SeldonDeployment, Pipeline, Model, Experiment");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nmetadata: {name: iris}\nspec: {}", "staging",
                "m.yaml: kind is missing; expected one of SeldonDeployment, Pipeline, Model, Experiment");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nspec: {}", "staging",
                "m.yaml: metadata is missing; it needs at least metadata.name");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {labels: {}}\nspec: {}",
                "staging", "m.yaml: metadata.name is missing");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: 5}\nspec: {}",
                "staging", "m.yaml: metadata.name must be a string, not a number");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: Iris}\nspec: {}",
                "staging", "m.yaml: metadata.name: The SeldonDeployment name 'Iris' is not a valid name: use"
                        + " lower-case letters, digits and '-', starting and ending with a letter or digit");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\n"
                + "metadata: {name: iris, namespace: production}\nspec: {}", "staging",
                "m.yaml: metadata.namespace is 'production' but the target namespace is 'staging'; remove"
                        + " metadata.namespace or make them agree");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: iris}\n",
                "staging", "m.yaml: spec is missing");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: iris}\nspec: []",
                "staging", "m.yaml: spec must be a mapping, not a list");
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: iris}\nspec: {}",
                "Staging", "The namespace 'Staging' is not a valid name: use lower-case letters, digits"
                        + " and '-', starting and ending with a letter or digit");
    }

    @Test
    void acceptsOlderApiVersionsAndAMatchingNamespace() throws Exception {
        for (String version : new String[] {"v1", "v1alpha2", "v1alpha3"}) {
            ObjectNode tree = Manifests.parse("apiVersion: machinelearning.seldon.io/" + version
                    + "\nkind: SeldonDeployment\nmetadata: {name: iris, namespace: staging}\nspec: {}", "m.yaml");
            assertEquals("iris", Manifests.validate(tree, "staging", "m.yaml").name());
        }
    }

    @Test
    void validateTreatsAnExplicitNullAsMissing() throws Exception {
        String head = "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\n";
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: ~\nmetadata: {name: iris}\nspec: {}", "staging",
                "m.yaml: kind is missing; expected one of SeldonDeployment, Pipeline, Model, Experiment");
        assertInvalid("apiVersion: ~\nkind: SeldonDeployment\nmetadata: {name: iris}\nspec: {}", "staging",
                "m.yaml: apiVersion is missing; expected machinelearning.seldon.io/v1");
        assertInvalid(head + "metadata: ~\nspec: {}", "staging",
                "m.yaml: metadata is missing; it needs at least metadata.name");
        assertInvalid(head + "metadata: {name: ~}\nspec: {}", "staging", "m.yaml: metadata.name is missing");
        assertInvalid(head + "metadata: {name: ''}\nspec: {}", "staging", "m.yaml: metadata.name is missing");
        assertInvalid(head + "metadata: {name: iris}\nspec: ~", "staging", "m.yaml: spec is missing");
        assertInvalid(head + "metadata: {name: iris, namespace: ~}\nspec: {}", null,
                "m.yaml: metadata.namespace is missing and no namespace was given; give one of them");
        ObjectNode tree = Manifests.parse(head + "metadata: {name: iris, namespace: ~}\nspec: {}", "m.yaml");
        assertEquals("staging", Manifests.validate(tree, "staging", "m.yaml").namespace());
        assertInvalid(experiment("resourceType: ~"), "staging", assertThrows(InvalidInputException.class,
                () -> Manifests.validate(Manifests.parse(experiment(""), "m.yaml"), "staging", "m.yaml")).getMessage());
        assertInvalid(head + "metadata: {name: iris, namespace: Bad}\nspec: {}", null, "m.yaml: metadata.namespace: The"
                + " namespace 'Bad' is not a valid name: use lower-case letters, digits and '-', starting and ending"
                + " with a letter or digit");
        assertInvalid(experiment("resourceType: ~"), "staging", "m.yaml: spec.resourceType is missing, which makes this"
                + " an experiment on Models (Seldon's default); for an experiment on Pipelines set spec.resourceType:"
                + " pipeline. The Seldon API manages an experiment only through its main pipeline (spec.default), so"
                + " only experiments on Pipelines; manage experiments on Models with kubectl or the Seldon CLI.");
    }

    @Test
    void validateNamesTheTypeOfAWrongValue() throws Exception {
        String head = "apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\n";
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: 5\nmetadata: {name: iris}\nspec: {}", "staging",
                "m.yaml: kind is a number; expected one of SeldonDeployment, Pipeline, Model, Experiment");
        assertInvalid("apiVersion: [machinelearning.seldon.io/v1]\nkind: SeldonDeployment\nmetadata: {name: iris}\n"
                + "spec: {}", "staging", "m.yaml: apiVersion is a list; expected machinelearning.seldon.io/v1 for a"
                        + " SeldonDeployment");
        assertInvalid(head + "metadata: [name, iris]\nspec: {}", "staging",
                "m.yaml: metadata must be a mapping, not a list");
        assertInvalid(head + "metadata: true\nspec: {}", "staging", "m.yaml: metadata must be a mapping, not a boolean");
        assertInvalid(head + "metadata: {name: {first: iris}}\nspec: {}", "staging",
                "m.yaml: metadata.name must be a string, not a mapping");
        assertInvalid(head + "metadata: {name: []}\nspec: {}", "staging", "m.yaml: metadata.name must be a string,"
                + " not a list");
        // A number is no namespace, even one that reads like the target.
        assertInvalid(head + "metadata: {name: iris, namespace: 123}\nspec: {}", "123", "m.yaml: metadata.namespace is"
                + " a number but the target namespace is '123'; remove metadata.namespace or make them agree");
        assertInvalid(head + "metadata: {name: iris, namespace: 123}\nspec: {}", null,
                "m.yaml: metadata.namespace must be a string, not a number");
        assertInvalid(head + "metadata: {name: iris}\nspec: 7", "staging", "m.yaml: spec must be a mapping, not a number");
        String why = " The Seldon API manages an experiment only through its main pipeline (spec.default), so only"
                + " experiments on Pipelines; manage experiments on Models with kubectl or the Seldon CLI.";
        assertInvalid(experiment("resourceType: model"), "staging",
                "m.yaml: spec.resourceType is 'model'; expected pipeline." + why);
        assertInvalid(experiment("resourceType: [pipeline]"), "staging",
                "m.yaml: spec.resourceType is a list; expected pipeline." + why);
    }

    @Test
    void aManifestInTheFlatShapeIsToldWhereItsNameBelongs() throws Exception {
        assertInvalid("apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nname: iris\nspec: {}", "staging",
                "m.yaml: metadata is missing; it needs at least metadata.name (name, namespace, labels and annotations"
                        + " belong under metadata)");
    }

    @Test
    void anExperimentIsAddressedThroughItsMainPipeline() throws Exception {
        ObjectNode tree = Manifests.parse(experiment("resourceType: pipeline"), "m.yaml");
        Manifests.ValidManifest valid = Manifests.validate(tree, "staging", "m.yaml");
        assertEquals(ResourceKind.EXPERIMENT, valid.kind());
        assertEquals("ab", valid.name());
        assertEquals("main", valid.address());
    }

    private static String experiment(String resourceType) {
        return "apiVersion: " + ResourceKind.EXPERIMENT.apiVersion() + "\nkind: Experiment\nmetadata: {name: ab}\n"
                + "spec:\n  default: main\n  " + resourceType + "\n  candidates: [{name: main, weight: 50}]\n";
    }

    @Test
    void fromMapRefusesAMissingMapAndNamesANullKey() throws Exception {
        assertEquals("deployment: the manifest is missing",
                assertThrows(InvalidInputException.class, () -> Manifests.fromMap(null, "deployment")).getMessage());
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertEquals("deployment: keys must be strings, found null",
                assertThrows(InvalidInputException.class, () -> Manifests.fromMap(nullKey, "deployment")).getMessage());
        JsonNode tree = Manifests.fromMap(Map.of("replicas", (byte) 2), "deployment");
        assertTrue(tree.get("replicas").isInt());
        assertEquals(2, tree.get("replicas").intValue());
    }

    private static void assertInvalid(String yaml, String namespace, String expected) throws Exception {
        ObjectNode tree = Manifests.parse(yaml, "m.yaml");
        if (expected == null) {
            Manifests.validate(tree, namespace, "m.yaml");
            return;
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.validate(tree, namespace, "m.yaml"));
        assertEquals(expected, e.getMessage());
    }

    @TempDir
    static Path classes;

    /**
     * An instance of a class named {@code net.sf.json.JSONNull}, compiled here and loaded in isolation: the real
     * json-lib is not a dependency of this package, and the conversion must recognise it by name alone.
     */
    private static Object jsonNull() throws Exception {
        Path source = classes.resolve("net/sf/json/JSONNull.java");
        if (!Files.exists(classes.resolve("net/sf/json/JSONNull.class"))) {
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package net.sf.json; public final class JSONNull { public JSONNull() {} }");
            assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                    source.toString()));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            return loader.loadClass("net.sf.json.JSONNull").getConstructor().newInstance();
        }
    }
}

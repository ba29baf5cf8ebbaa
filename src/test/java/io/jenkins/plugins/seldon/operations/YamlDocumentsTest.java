package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * YAML anchors, aliases and merge keys are resolved, never passed through as text (the project's issue 7, item 4:
 * {@code <<: *base} arrived as the string {@code "base"}, so a valid manifest was deployed wrong), and scalars get the
 * types Kubernetes gives them.
 */
class YamlDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode yaml(String text) throws Exception {
        List<Manifests.Document> documents = Manifests.parseAll(text, "m.yaml");
        assertEquals(1, documents.size());
        return documents.get(0).manifest();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String refused(String text) {
        return assertThrows(InvalidInputException.class, () -> Manifests.parseAll(text, "m.yaml")).getMessage();
    }

    @Test
    void mergeKeysAddTheKeysTheMappingDoesNotHave() throws Exception {
        JsonNode tree = yaml("""
                base: &base
                  storageUri: gs://models/iris
                  memory: 100Ki
                  requirements: [sklearn]
                spec:
                  <<: *base
                  memory: 1Gi
                """);
        assertEquals(json("{'storageUri': 'gs://models/iris', 'memory': '1Gi', 'requirements': ['sklearn']}"),
                tree.get("spec"));
    }

    @Test
    void severalMergedMappingsTheEarlierWins() throws Exception {
        JsonNode tree = yaml("""
                a: &a {x: 1, y: 1}
                b: &b {y: 2, z: 2}
                c:
                  w: 0
                  <<: [*a, *b, {v: 9}]
                """);
        assertEquals(json("{'w': 0, 'x': 1, 'y': 1, 'z': 2, 'v': 9}"), tree.get("c"));
    }

    @Test
    void aliasesAreCopiesOfTheirAnchors() throws Exception {
        JsonNode tree = yaml("""
                env: &env [{name: LOG_LEVEL, value: debug}]
                uri: &uri gs://models/iris
                predictors:
                - {name: a, env: *env, modelUri: *uri}
                - {name: b, env: *env, modelUri: *uri}
                """);
        assertEquals(json("[{'name': 'LOG_LEVEL', 'value': 'debug'}]"), tree.at("/predictors/1/env"));
        assertEquals("gs://models/iris", tree.at("/predictors/0/modelUri").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/predictors/0/env/0")).put("value", "info");
        assertEquals("debug", tree.at("/predictors/1/env/0/value").asText(), "each alias is its own copy");
    }

    @Test
    void anchorsBelongToTheirDocument() throws Exception {
        List<Manifests.Document> documents = Manifests.parseAll("a: &x 1\nb: *x\n---\nc: &x 2\nd: *x\n", "m.yaml");
        assertEquals(json("{'a': 1, 'b': 1}"), documents.get(0).manifest());
        assertEquals(json("{'c': 2, 'd': 2}"), documents.get(1).manifest());
        assertTrue(refused("a: &x 1\n---\nb: *x\n").contains("the alias *x refers to no anchor before it"));
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() throws Exception {
        assertEquals(json("{'a': {'<<': 'text', 'b': 1}}"), yaml("a:\n  \"<<\": text\n  b: 1\n"));
        assertEquals(json("{'a': '<<'}"), yaml("a: <<\n"));
    }

    @Test
    void whatCannotBeResolvedIsRefusedWithItsPosition() {
        assertEquals("m.yaml: invalid YAML at line 2, column 4: the alias *nope refers to no anchor before it in this"
                + " document (an alias of an enclosing node, a cycle, is not supported)", refused("a: 1\nb: *nope\n"));
        assertTrue(refused("a: &self\n  b: *self\n").contains("the alias *self refers to no anchor before it"));
        assertEquals("m.yaml: invalid YAML at line 2, column 3: << must be followed by a mapping, an alias of one, or a"
                + " list of them", refused("a:\n  <<: text\n"));
        assertTrue(refused("a: &a [1]\nb:\n  <<: [*a]\n").contains("the list after << must hold only mappings"));
        assertTrue(refused("x: &x {a: 1}\nb:\n  <<: *x\n  <<: *x\n").contains("duplicate merge key <<"));
        assertTrue(refused("a: &k b\n*k : c\n").contains("an alias as a key is not supported"));
        assertTrue(refused("? [a, b]\n: c\n").contains("a key that is a mapping or a list is not supported"));
        assertTrue(refused("a: !Ref other\n").contains("the YAML tag !Ref is not supported"));
        // Found by fuzzing: SnakeYAML accepts the escape while parsing and refuses it only as a tag.
        assertTrue(refused("- !)-tagz:yaml02:btag:yaml.org,2002:binary.%2").contains("is not valid"));
        // Also found by fuzzing: SnakeYAML's scanner throws a NumberFormatException for a \\U escape at the end.
        assertTrue(refused("a: {\"apiVers&x\\U").startsWith("m.yaml: invalid YAML: the text holds something the"
                + " YAML parser cannot read"), refused("a: {\"apiVers&x\\U"));
        assertTrue(refused("a: !!set {x}\n").contains("the YAML tag tag:yaml.org,2002:set is not supported here"));
        assertTrue(refused("a: .inf\n").contains(".inf cannot be sent as JSON"));
        assertTrue(refused("a: !!int abc\n").contains("'abc' is not an integer"));
    }

    @Test
    void scalarsTakeTheTypesKubernetesGivesThem() throws Exception {
        JsonNode tree = yaml("""
                bools: [true, True, yes, on, false, no, OFF]
                nulls: [~, null]
                empty:
                ints: [1, -7, 0x1F, 010, 0b101, 1_000, 12345678901, 123456789012345678901234567890]
                floats: [1.5, 1e3, -0.25]
                strings: [2020-01-01, '12', "yes", 12:30, 0o10, v1.2]
                tagged: [!!str 123, !!int "42", !!float "2", !!bool "yes", !!null "", !!binary "aGVs bG8="]
                """);
        assertEquals(json("[true, true, true, true, false, false, false]"), tree.get("bools"));
        assertEquals(json("[null, null]"), tree.get("nulls"));
        assertTrue(tree.get("empty").isNull());
        assertEquals(json("[1, -7, 31, 8, 5, 1000, 12345678901, 123456789012345678901234567890]"), tree.get("ints"));
        assertTrue(tree.at("/ints/0").isInt());
        assertTrue(tree.at("/ints/6").isLong());
        assertTrue(tree.at("/ints/7").isBigInteger());
        assertEquals(json("[1.5, 1000.0, -0.25]"), tree.get("floats"));
        assertEquals(json("['2020-01-01', '12', 'yes', '12:30', '0o10', 'v1.2']"), tree.get("strings"));
        assertEquals(json("['123', 42, 2.0, true, null, 'aGVsbG8=']"), tree.get("tagged"));
    }

    @Test
    void documentsAreNumberedWithTheirLines() throws Exception {
        List<Manifests.Document> documents = Manifests.parseAll("---\na: 1\n---\n# nothing\n---\nb: 2\n---\n", "f.yaml");
        assertEquals(List.of("f.yaml (document 1, line 2)", "f.yaml (document 2, line 6)"),
                documents.stream().map(Manifests.Document::source).toList());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.parseAll("a: 1\n---\n- x\n", "f.yaml"));
        assertEquals("f.yaml (document 2, line 3): the top level must be a mapping (apiVersion, kind, metadata,"
                + " spec), not a list", e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void explicitTagsAreHonoured() throws Exception {
        assertEquals(json("{'a': {'b': 1}, 'c': {'<<': 'x'}}"), yaml("a:\n  !!merge <<: {b: 1}\nc:\n  !!str <<: x\n"));
        assertEquals(json("{'a': '12', 'b': [1], 'c': [1], 'd': {'e': 1}, 'f': {'e': 1}}"),
                yaml("a: ! 12\nb: ! [1]\nc: !!seq [1]\nd: ! {e: 1}\nf: !!map {e: 1}\n"));
        assertTrue(refused("a: !!map [1, 2]\n").contains("the YAML tag tag:yaml.org,2002:map is not supported here"));
        assertTrue(refused("a: !!int 1:30\n").contains("'1:30' is not an integer"));
        assertEquals(json("{'k': 'name', 'name': 'iris', 'other': 'name'}"), yaml("k: &k name\n&n name: iris\nother: *n\n"));
    }

    @Test
    void numbersKeepTheirValueAndTakeTheSmallestType() throws Exception {
        JsonNode tree = yaml("""
                ints: [+0x1F, +010, +5, 2147483647, 2147483648, -2147483648, -2147483649]
                longs: [9223372036854775807, 9223372036854775808, -9223372036854775808, -9223372036854775809]
                """);
        assertEquals(json("[31, 8, 5, 2147483647, 2147483648, -2147483648, -2147483649]"), tree.get("ints"));
        assertEquals(List.of(true, false, true, false),
                List.of(tree.at("/ints/3").isInt(), tree.at("/ints/4").isInt(), tree.at("/ints/5").isInt(),
                        tree.at("/ints/6").isInt()));
        assertEquals(List.of(true, false, true, false),
                List.of(tree.at("/longs/0").isLong(), tree.at("/longs/1").isLong(), tree.at("/longs/2").isLong(),
                        tree.at("/longs/3").isLong()));
        assertEquals("9223372036854775808", tree.at("/longs/1").asText());
        assertTrue(refused("a: .nan\n").contains(".nan cannot be sent as JSON"));
        assertTrue(refused("a: 1e999\n").contains("1e999 is too large for a JSON number"));
    }

    @Test
    void limitsAreInclusive() throws Exception {
        int max = Manifests.MAX_DEPTH;
        assertEquals(1, Manifests.parseAll("a: " + "[".repeat(max) + "]".repeat(max) + "\n", "m").size());
        // Values under a merge key are nested like any other.
        assertTrue(refused("a:\n  <<: " + "{b: ".repeat(max) + "1" + "}".repeat(max) + "\n")
                .endsWith(": nested more than 100 levels deep"));
        String three = "a: &a [1, 2]\nb: *a\n";
        assertEquals(1, Manifests.parseAll(three, "m", Manifests.DEFAULT_MAX_BYTES, 3).size());
        assertThrows(InvalidInputException.class, () -> Manifests.parseAll(three, "m", Manifests.DEFAULT_MAX_BYTES, 2));
    }
}

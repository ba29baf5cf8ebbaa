package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML documents into Jackson trees from SnakeYAML's events, resolving what a YAML-to-JSON conversion must
 * resolve rather than passing it through as text:
 * <ul>
 *   <li>aliases ({@code *name}) become copies of what their anchor ({@code &name}) marks, earlier in the same
 *       document; an alias of an enclosing node (a cycle) or of an unknown anchor is refused. Copies count against
 *       a node budget, so that a few lines of nested aliases ("billion laughs") cannot make the controller build a
 *       huge tree;</li>
 *   <li>merge keys ({@code <<: *base}, {@code <<: [*a, *b]}, or an inline mapping) add the merged mappings' keys
 *       that the mapping does not have itself; among several merged mappings the earlier one wins, as the YAML merge
 *       type says. A quoted {@code "<<"} is an ordinary key;</li>
 *   <li>plain scalars take their YAML 1.1 types as Kubernetes reads manifests: {@code true}/{@code yes}/{@code on}
 *       and their negations are booleans, {@code ~}, {@code null} and nothing are null, integers may be
 *       {@code 0x} hexadecimal, {@code 0b} binary or {@code 0}-prefixed octal and contain {@code _}. Dates and
 *       numbers with {@code :} (YAML 1.1's base 60) stay strings, and infinity and NaN, which JSON cannot carry, are
 *       refused;</li>
 *   <li>the standard tags {@code !!str}, {@code !!int}, {@code !!float}, {@code !!bool}, {@code !!null},
 *       {@code !!binary}, {@code !!map} and {@code !!seq} are honoured; any other tag is refused rather than
 *       ignored, and so are keys that are not scalars and duplicate keys.</li>
 * </ul>
 * Nesting is limited to {@link Manifests#MAX_DEPTH} levels. Reading stops with {@link InterruptedException} when the
 * thread is interrupted (an aborted build), also in the middle of a long scalar.
 */
final class YamlDocuments {

    /** One document: its tree ({@code null} for an empty document) and the line (1-based) its content starts on. */
    record Document(JsonNode tree, int line) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Resolver RESOLVER = new Resolver();
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Parser parser;
    private final String source;
    private final int maxAliasNodes;
    /** The anchors of the current document. */
    private final Map<String, JsonNode> anchors = new HashMap<>();
    /** Nodes added by aliases so far, in all documents: many small documents must not multiply the budget. */
    private int aliasNodes;

    private YamlDocuments(Parser parser, String source, int maxAliasNodes) {
        this.parser = parser;
        this.source = source;
        this.maxAliasNodes = maxAliasNodes;
    }

    /**
     * All documents of {@code text}, in order.
     *
     * @param maxAliasNodes how many nodes aliases may add, in total over all documents
     * @throws InvalidInputException for what is not valid YAML or cannot be sent as JSON, with its position
     * @throws YAMLException for a syntax error, with its position ({@link Manifests} reports it)
     * @throws InterruptedException when the thread was interrupted
     */
    static List<Document> read(String text, String source, int maxAliasNodes)
            throws InvalidInputException, InterruptedException {
        LoaderOptions options = new LoaderOptions();
        // The text's size was checked before; SnakeYAML's own limit (3 MB per document by default) must not differ.
        options.setCodePointLimit(Math.max(text.length(), 1));
        YamlDocuments reader = new YamlDocuments(
                new Checked(new ParserImpl(new StreamReader(new InterruptibleReader(text)), options)), source,
                maxAliasNodes);
        try {
            return reader.documents();
        } catch (YAMLException e) {
            if (e.getCause() instanceof InterruptedIOException) {
                Thread.interrupted();
                throw new InterruptedException("Reading " + source + " was interrupted");
            }
            throw e;
        }
    }

    /**
     * SnakeYAML's scanner lets a few malformed texts escape as other runtime exceptions (found by fuzzing: a
     * {@code \U} escape at the end of the text throws a NumberFormatException); they are syntax errors like any other.
     */
    private static final class Checked implements Parser {
        private final Parser parser;

        Checked(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            try {
                return parser.checkEvent(choice);
            } catch (YAMLException e) {
                throw e;
            } catch (RuntimeException e) {
                throw malformed(e);
            }
        }

        @Override
        public Event peekEvent() {
            try {
                return parser.peekEvent();
            } catch (YAMLException e) {
                throw e;
            } catch (RuntimeException e) {
                throw malformed(e);
            }
        }

        @Override
        public Event getEvent() {
            try {
                return parser.getEvent();
            } catch (YAMLException e) {
                throw e;
            } catch (RuntimeException e) {
                throw malformed(e);
            }
        }

        private static YAMLException malformed(RuntimeException e) {
            return new YAMLException("the text holds something the YAML parser cannot read (" + e + ")", e);
        }
    }

    private List<Document> documents() throws InvalidInputException, InterruptedException {
        List<Document> documents = new ArrayList<>();
        expect(Event.ID.StreamStart);
        while (!parser.checkEvent(Event.ID.StreamEnd)) {
            expect(Event.ID.DocumentStart);
            anchors.clear();
            int line = parser.peekEvent().getStartMark().getLine() + 1;
            JsonNode tree = node(0);
            documents.add(new Document(tree.isNull() ? null : tree, line));
            expect(Event.ID.DocumentEnd);
        }
        return documents;
    }

    private JsonNode node(int depth) throws InvalidInputException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("Reading " + source + " was interrupted");
        }
        Event event = parser.getEvent();
        if (depth > Manifests.MAX_DEPTH) {
            throw error(event, "nested more than " + Manifests.MAX_DEPTH + " levels deep");
        }
        JsonNode node;
        switch (event.getEventId()) {
            case Alias:
                return alias((AliasEvent) event);
            case Scalar:
                node = scalar((ScalarEvent) event);
                break;
            case SequenceStart:
                checkCollectionTag((CollectionStartEvent) event, Tag.SEQ);
                ArrayNode array = NODES.arrayNode();
                while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                    array.add(node(depth + 1));
                }
                parser.getEvent();
                node = array;
                break;
            case MappingStart:
                checkCollectionTag((CollectionStartEvent) event, Tag.MAP);
                node = mapping(depth);
                break;
            default:
                throw error(event, "unexpected " + event.getEventId());
        }
        String anchor = ((NodeEvent) event).getAnchor();
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private JsonNode alias(AliasEvent alias) throws InvalidInputException {
        JsonNode target = anchors.get(alias.getAnchor());
        if (target == null) {
            throw error(alias, "the alias *" + alias.getAnchor() + " refers to no anchor before it in this document"
                    + " (an alias of an enclosing node, a cycle, is not supported)");
        }
        aliasNodes += size(target);
        if (aliasNodes > maxAliasNodes) {
            throw error(alias, "aliases expand to more than " + maxAliasNodes + " nodes in this text; raise the"
                    + " limit with the system property " + Manifests.MAX_ALIAS_NODES_PROPERTY + " if this manifest"
                    + " really needs them");
        }
        return target.deepCopy();
    }

    private ObjectNode mapping(int depth) throws InvalidInputException, InterruptedException {
        ObjectNode object = NODES.objectNode();
        List<ObjectNode> merged = new ArrayList<>();
        boolean mergeSeen = false;
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.getEvent();
            if (!(keyEvent instanceof ScalarEvent key)) {
                throw error(keyEvent, keyEvent instanceof AliasEvent ? "an alias as a key is not supported"
                        : "a key that is a mapping or a list is not supported");
            }
            boolean merge = isMergeKey(key);
            if (merge) {
                if (mergeSeen) {
                    throw error(key, "duplicate merge key <<; merge several mappings with <<: [*a, *b]");
                }
                mergeSeen = true;
                addMergeSources(node(depth + 1), merged, key);
                continue;
            }
            String name = key.getValue();
            if (object.has(name)) {
                throw error(key, "duplicate key '" + name + "'");
            }
            if (key.getAnchor() != null) {
                anchors.put(key.getAnchor(), NODES.textNode(name));
            }
            object.set(name, node(depth + 1));
        }
        parser.getEvent();
        for (ObjectNode source : merged) {
            for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!object.has(field.getKey())) {
                    object.set(field.getKey(), field.getValue());
                }
            }
        }
        return object;
    }

    private static boolean isMergeKey(ScalarEvent key) {
        String tag = key.getTag();
        if (tag != null) {
            return tag.equals(Tag.MERGE.getValue());
        }
        return key.getImplicit().canOmitTagInPlainScalar()
                && RESOLVER.resolve(NodeId.scalar, key.getValue(), true).equals(Tag.MERGE);
    }

    private void addMergeSources(JsonNode value, List<ObjectNode> merged, Event at) throws InvalidInputException {
        if (value instanceof ObjectNode object) {
            merged.add(object);
            return;
        }
        if (value instanceof ArrayNode array) {
            for (JsonNode element : array) {
                if (!(element instanceof ObjectNode object)) {
                    throw error(at, "the list after << must hold only mappings");
                }
                merged.add(object);
            }
            return;
        }
        throw error(at, "<< must be followed by a mapping, an alias of one, or a list of them");
    }

    private JsonNode scalar(ScalarEvent scalar) throws InvalidInputException {
        String value = scalar.getValue();
        String tag = scalar.getTag();
        Tag type;
        if (tag == null) {
            type = RESOLVER.resolve(NodeId.scalar, value, scalar.getImplicit().canOmitTagInPlainScalar());
        } else if (tag.equals("!")) {
            type = Tag.STR; // the non-specific tag of a quoted scalar
        } else {
            try {
                type = new Tag(tag);
            } catch (IllegalArgumentException e) {
                // E.g. a %-escape that decodes to nothing usable; SnakeYAML refuses it only here.
                throw error(scalar, "the YAML tag " + tag + " is not valid; use plain values, or !!str for text");
            }
        }
        if (type.equals(Tag.STR) || type.equals(Tag.TIMESTAMP) || type.equals(Tag.MERGE)) {
            return NODES.textNode(value);
        }
        if (type.equals(Tag.NULL)) {
            return NODES.nullNode();
        }
        if (type.equals(Tag.BOOL)) {
            return bool(scalar, value);
        }
        if (type.equals(Tag.INT) || type.equals(Tag.FLOAT)) {
            if (tag == null && value.contains(":")) {
                return NODES.textNode(value); // YAML 1.1 base 60 (12:30 = 750): nobody means that any more
            }
            return type.equals(Tag.INT) ? integer(scalar, value) : decimal(scalar, value);
        }
        if (type.equals(Tag.BINARY)) {
            return NODES.textNode(value.replaceAll("\\s", "")); // JSON carries binary data as base64 text
        }
        throw error(scalar, "the YAML tag " + tag + " is not supported; use plain values, or !!str for text");
    }

    private JsonNode bool(ScalarEvent at, String value) throws InvalidInputException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on":
                return NODES.booleanNode(true);
            case "false", "no", "off":
                return NODES.booleanNode(false);
            default:
                throw error(at, "'" + value + "' is not a boolean");
        }
    }

    private JsonNode integer(ScalarEvent at, String value) throws InvalidInputException {
        String digits = value.replace("_", "");
        boolean negative = digits.startsWith("-");
        if (negative || digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        BigInteger n;
        try {
            if (digits.startsWith("0x")) {
                n = new BigInteger(digits.substring(2), 16);
            } else if (digits.startsWith("0b")) {
                n = new BigInteger(digits.substring(2), 2);
            } else if (digits.length() > 1 && digits.startsWith("0")) {
                n = new BigInteger(digits.substring(1), 8);
            } else {
                n = new BigInteger(digits);
            }
        } catch (NumberFormatException e) {
            throw error(at, "'" + value + "' is not an integer");
        }
        n = negative ? n.negate() : n;
        if (n.compareTo(INT_MIN) >= 0 && n.compareTo(INT_MAX) <= 0) {
            return NODES.numberNode(n.intValue());
        }
        if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            return NODES.numberNode(n.longValue());
        }
        return NODES.numberNode(n);
    }

    private JsonNode decimal(ScalarEvent at, String value) throws InvalidInputException {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".inf") || lower.endsWith(".nan")) {
            throw error(at, value + " cannot be sent as JSON, which has no infinity or NaN");
        }
        try {
            double d = Double.parseDouble(value.replace("_", ""));
            if (Double.isInfinite(d)) {
                throw error(at, value + " is too large for a JSON number");
            }
            return NODES.numberNode(d);
        } catch (NumberFormatException e) {
            throw error(at, "'" + value + "' is not a number");
        }
    }

    private void checkCollectionTag(CollectionStartEvent event, Tag expected) throws InvalidInputException {
        String tag = event.getTag();
        if (tag != null && !tag.equals("!") && !tag.equals(expected.getValue())) {
            throw error(event, "the YAML tag " + tag + " is not supported here");
        }
    }

    private void expect(Event.ID id) throws InvalidInputException {
        Event event = parser.getEvent();
        if (!event.is(id)) {
            throw error(event, "expected " + id + " but found " + event.getEventId());
        }
    }

    private static int size(JsonNode node) {
        int n = 1;
        for (JsonNode child : node) {
            n += size(child);
        }
        return n;
    }

    private InvalidInputException error(Event at, String reason) {
        Mark mark = at.getStartMark();
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return new InvalidInputException(source + ": invalid YAML" + (line > 0 ? " at line " + line + ", column "
                + column : "") + ": " + reason, line, column, null);
    }

    /** Lets an interrupt stop SnakeYAML, which reads its input in small chunks, even within one long scalar. */
    private static final class InterruptibleReader extends Reader {
        private final StringReader text;

        InterruptibleReader(String text) {
            this.text = new StringReader(text);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
            return text.read(buffer, offset, length);
        }

        @Override
        public void close() {
            text.close();
        }
    }
}

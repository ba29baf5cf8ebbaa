package io.jenkins.plugins.seldon.operations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which fields of JSON objects to keep: all of them, or a tree of field names built from dotted paths such as
 * {@code metadata.name}. A path through a list applies to each of its elements ({@code spec.predictors.name} keeps the
 * name of every predictor); a path that names a field keeps all of it; fields that are absent stay absent. Immutable.
 */
public final class Fields {

    /** Everything. */
    public static final Fields ALL = new Fields(null);

    private static final Pattern SEGMENT = Pattern.compile("[^.\\s]+");

    /** The kept fields and what to keep of each; {@code null} for all. */
    private final Map<String, Fields> children;

    private Fields(Map<String, Fields> children) {
        this.children = children;
    }

    /**
     * The fields the paths name.
     *
     * @throws IllegalArgumentException for an empty path or segment, or white space in a path
     */
    public static Fields of(Collection<String> paths) {
        Fields fields = new Fields(Map.of());
        for (String path : paths) {
            fields = fields.with(path, ALL);
        }
        return fields;
    }

    /** What to keep of field {@code name} of a kept object, or {@code null} to skip it. */
    Fields child(String name) {
        return children == null ? ALL : children.get(name);
    }

    /** Whether everything is kept. */
    boolean all() {
        return children == null;
    }

    /** These fields and {@code more} at {@code path} too; keeping all of a field wins over keeping some of it. */
    Fields with(String path, Fields more) {
        if (path == null || !path.strip().equals(path) || path.isEmpty()) {
            throw new IllegalArgumentException("A field path must not be empty or have white space: '" + path + "'");
        }
        String[] segments = path.split("\\.", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + path + "' is not a field path such as metadata.name");
            }
        }
        return with(segments, 0, more);
    }

    private Fields with(String[] path, int at, Fields more) {
        if (children == null) {
            return this;
        }
        Map<String, Fields> copy = new LinkedHashMap<>(children);
        Fields existing = copy.get(path[at]);
        if (at == path.length - 1) {
            copy.put(path[at], existing == null ? more : existing.merge(more));
        } else {
            copy.put(path[at], (existing == null ? new Fields(Map.of()) : existing).with(path, at + 1, more));
        }
        return new Fields(copy);
    }

    private Fields merge(Fields other) {
        if (other.all()) {
            return ALL;
        }
        Fields merged = this; // stays ALL if it is ALL
        for (Map.Entry<String, Fields> e : other.children.entrySet()) {
            merged = merged.with(new String[] {e.getKey()}, 0, e.getValue());
        }
        return merged;
    }

    /** The kept part of a plain value (maps, lists, scalars): a new map or list, or {@code value} itself. */
    Object apply(Object value) {
        if (all()) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            children.forEach((name, sub) -> {
                if (map.containsKey(name)) {
                    kept.put(name, sub.apply(map.get(name)));
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            List<Object> kept = new ArrayList<>(list.size());
            list.forEach(element -> kept.add(apply(element)));
            return kept;
        }
        return value;
    }

    @Override
    public String toString() {
        return children == null ? "*" : children.toString();
    }
}

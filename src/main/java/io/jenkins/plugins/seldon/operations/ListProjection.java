package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonParser;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a list keeps of each item, applied while the answer is parsed: the items a label selector selects (all
 * without one), and of each the given fields ({@link Fields}), or its name only, or all of it. Each item is read as
 * plain values ({@link PlainJson}) in the shape of a Kubernetes resource ({@link KubernetesShape}) and reduced before
 * the next one is read, so a list of 10,000 items costs the memory of what is kept only.
 *
 * @param fields what to keep of each item
 * @param namesOnly whether each item is just its {@code metadata.name}, a String
 * @param selector which items to keep; {@code null} for all
 */
public record ListProjection(Fields fields, boolean namesOnly, LabelSelector selector) {

    /** Every item, whole. */
    public static final ListProjection ALL = new ListProjection(Fields.ALL, false, null);

    private static final Fields NAME = Fields.of(List.of("metadata.name"));

    public ListProjection {
        Objects.requireNonNull(fields, "fields");
    }

    /** Whether items are reduced to some of their fields (names included). */
    public boolean reduces() {
        return namesOnly || !fields.all();
    }

    /** A collector of the items as plain values, for the client's lists (a new one for each attempt). */
    SeldonClient.ItemCollector<List<Object>> collector() {
        Fields kept = namesOnly ? NAME : fields;
        Fields read = kept.all() ? kept : readFor(kept);
        return new SeldonClient.ItemCollector<>() {
            private final List<Object> items = new ArrayList<>();

            @Override
            public void add(JsonParser parser) throws IOException {
                Object item = PlainJson.read(parser, read);
                if (!(item instanceof Map<?, ?>)) {
                    // Not a resource: kept as it is, unless only resources are asked for.
                    if (!reduces() && selector == null) {
                        items.add(item);
                    }
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> resource = KubernetesShape.normalize((Map<String, Object>) item);
                if (selector != null && !selector.matches(labels(resource))) {
                    return;
                }
                items.add(namesOnly ? name(resource) : kept.apply(resource));
            }

            @Override
            public List<Object> result() {
                return items;
            }
        };
    }

    /**
     * What to read of each item to give {@code kept}: also the labels a selector needs, and the ObjectMeta fields
     * that items of the flat Core v2 shape have at the top level.
     */
    private Fields readFor(Fields kept) {
        Fields read = selector == null ? kept : kept.with("metadata.labels", Fields.ALL);
        Fields metadata = read.child("metadata");
        if (metadata != null) {
            for (String field : KubernetesShape.OBJECT_META) {
                Fields sub = metadata.child(field);
                if (sub != null) {
                    read = read.with(field, sub);
                }
            }
        }
        return read;
    }

    private static Map<?, ?> labels(Map<String, Object> resource) {
        return resource.get("metadata") instanceof Map<?, ?> m && m.get("labels") instanceof Map<?, ?> l ? l : null;
    }

    private static String name(Map<String, Object> resource) {
        return resource.get("metadata") instanceof Map<?, ?> m && m.get("name") instanceof String n ? n : null;
    }
}

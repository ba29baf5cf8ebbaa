package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change an operation made, or in a dry run would make: what it did to which resource, what the API then said,
 * and the audit metadata it sent. Plain data for the build log, a build's record of changes and a Pipeline step's
 * result ({@link #toMap()}).
 *
 * @param action what happened
 * @param dryRun whether this only says what would happen: nothing was sent
 * @param kind the resource's kind
 * @param namespace the resource's namespace
 * @param name the resource's name ({@code metadata.name}); for an Experiment the experiment's own name, or, when it
 *     was never read, its main pipeline's
 * @param pipeline for an Experiment, its main pipeline (the API's address for it); otherwise {@code null}
 * @param resourceVersion the resource's {@code metadata.resourceVersion} after the change, or as read when nothing
 *     changed; {@code null} when it is gone or was never written
 * @param auditAction the {@code action} sent (or that would be sent) with the write, e.g. {@code Pipeline created};
 *     {@code null} when nothing was written or the API takes none
 * @param auditMessage the {@code message} sent with it, likewise
 * @param diff for an update (a canary's new weight too), a few lines saying what changed in the spec, labels and
 *     annotations ({@link SpecDiff}); otherwise empty
 * @param detail what the change left, in a few words: the traffic split after a canary or shadow change (e.g.
 *     {@code iris 80%, iris-v2 20%}), the source of a promotion between environments; {@code null} when there is
 *     nothing to add
 */
public record Change(Action action, boolean dryRun, ResourceKind kind, String namespace, String name, String pipeline,
        String resourceVersion, String auditAction, String auditMessage, List<String> diff, String detail) {

    /** What an operation did to one resource. */
    public enum Action {
        CREATED("created"),
        UPDATED("updated"),
        /** Apply: the server already had what the manifest says; nothing was sent. */
        UNCHANGED("unchanged"),
        DELETED("deleted"),
        /** Delete or remove: there was nothing to delete or remove. */
        NOT_FOUND("not found"),
        CANARY_STARTED("canary started"),
        /** The canary's share of the traffic changed (or would have, but already had that weight: see UNCHANGED). */
        CANARY_WEIGHT_CHANGED("canary weight changed"),
        /** The canary replaced the main version. */
        CANARY_PROMOTED("canary promoted"),
        /** The canary was removed; the main version serves all traffic. */
        CANARY_REMOVED("canary removed"),
        SHADOW_STARTED("shadow started"),
        /** The shadow replaced the main version. */
        SHADOW_PROMOTED("shadow promoted"),
        SHADOW_REMOVED("shadow removed"),
        /** GitOps: a commit was undone by a new one. */
        REVERTED("reverted"),
        /** GitOps: the resource was put back in its state at a commit, by a new one. */
        RESTORED("restored");

        private final String text;

        Action(String text) {
            this.text = text;
        }

        /** Lower case, e.g. {@code created}, {@code not found}. */
        public String text() {
            return text;
        }
    }

    public Change {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        diff = List.copyOf(diff);
    }

    /** This change with {@code detail} (see the class comment). */
    public Change withDetail(String detail) {
        return new Change(action, dryRun, kind, namespace, name, pipeline, resourceVersion, auditAction, auditMessage,
                diff, detail);
    }

    /** E.g. {@code Pipeline staging/iris}, {@code Experiment staging/ab-test (of Pipeline main)}. */
    public String subject() {
        return kind.kind() + " " + namespace + "/" + name
                + (pipeline == null || pipeline.equals(name) ? "" : " (of Pipeline " + pipeline + ")");
    }

    /**
     * One line for the build log, e.g. {@code Created Pipeline staging/iris}, {@code Dry run: would update Model
     * staging/iris}, {@code Model staging/iris is unchanged; nothing sent}, {@code SeldonDeployment staging/iris:
     * canary started (default 80%, iris-v2 20%)}; the {@link #detail()} in parentheses.
     */
    public String describe() {
        String verb = switch (action) {
            case CREATED -> "create";
            case UPDATED -> "update";
            case DELETED -> "delete";
            default -> null;
        };
        String line;
        if (verb != null) {
            line = dryRun ? "Dry run: would " + verb + " " + subject()
                    : Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + "d " + subject();
        } else if (action == Action.UNCHANGED || action == Action.NOT_FOUND) {
            line = subject() + (action == Action.UNCHANGED ? " is unchanged; nothing sent"
                    : " does not exist; nothing to delete") + (dryRun ? " (dry run)" : "");
        } else {
            line = (dryRun ? "Dry run: " : "") + subject() + ": " + action.text();
        }
        return detail == null ? line : line + " (" + detail + ")";
    }

    /**
     * This change as plain values for a Pipeline script: {@code action} ({@link Action#text()}), {@code dryRun},
     * {@code kind} (e.g. {@code Pipeline}), {@code namespace}, {@code name}, {@code diff} (a list of strings), and
     * where known {@code pipeline}, {@code resourceVersion}, {@code auditAction}, {@code auditMessage} and
     * {@code detail}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", action.text());
        map.put("dryRun", dryRun);
        map.put("kind", kind.kind());
        map.put("namespace", namespace);
        map.put("name", name);
        putIfSet(map, "pipeline", pipeline);
        putIfSet(map, "resourceVersion", resourceVersion);
        putIfSet(map, "auditAction", auditAction);
        putIfSet(map, "auditMessage", auditMessage);
        map.put("diff", new ArrayList<>(diff));
        putIfSet(map, "detail", detail);
        return map;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}

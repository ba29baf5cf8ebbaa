package io.jenkins.plugins.seldon.operations;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Our own most recent write of a resource, which tells {@link Readiness} how to read the first polls: a
 * 404 right after a create may only mean that a GitOps sync is pending, and a status read right after an update may
 * still describe the previous revision. A plain serialisable class (not a record) so that Jenkins can persist it in a
 * build or a step execution.
 */
public final class LastWrite implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the write did. */
    public enum Kind {
        CREATED,
        UPDATED
    }

    private final Kind kind;
    private final long atEpochMillis;

    /** @param at when the write completed */
    public LastWrite(Kind kind, Instant at) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.atEpochMillis = at.toEpochMilli();
    }

    public Kind kind() {
        return kind;
    }

    /** When the write completed (by the clock of the Jenkins controller). */
    public Instant at() {
        return Instant.ofEpochMilli(atEpochMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LastWrite other && kind == other.kind && atEpochMillis == other.atEpochMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, atEpochMillis);
    }

    @Override
    public String toString() {
        return kind + " at " + at();
    }
}

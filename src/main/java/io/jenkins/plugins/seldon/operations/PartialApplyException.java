package io.jenkins.plugins.seldon.operations;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A document of a multi-document apply failed after the documents before it were applied; those stay applied (there
 * is no transaction across resources). The message names the failing document, the cause's message and what was
 * applied before, so it can be shown alone; {@link #applied()} gives the results for the build's record of changes.
 */
public final class PartialApplyException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Not serialised (results hold API trees): the message carries what a saved build needs. */
    private transient List<ResourceOperations.ApplyResult> applied;

    PartialApplyException(String failedSource, List<ResourceOperations.ApplyResult> applied, IOException cause) {
        super(failedSource + ": " + cause.getMessage() + " (applied before it: " + applied.stream()
                .map(r -> r.change().describe()).collect(Collectors.joining("; ")) + ")", cause);
        this.applied = List.copyOf(applied);
    }

    /** The results of the documents applied before the failure, in order; empty after deserialisation. */
    public List<ResourceOperations.ApplyResult> applied() {
        return applied;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        applied = List.of();
    }
}

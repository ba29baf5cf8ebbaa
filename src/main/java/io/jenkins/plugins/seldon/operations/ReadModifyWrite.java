package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import java.io.IOException;
import java.util.List;

/**
 * Changes part of a resource: read it, edit the fresh copy, send it back with its {@code resourceVersion}. On a
 * conflict (409: someone changed it in between) the edit is made again on a fresh read and sent once more, so that
 * the other change is kept rather than overwritten; a second conflict is thrown. The same rule as the update path of
 * {@link ResourceOperations#apply}, for edits computed from what the server has (traffic weights, predictors).
 */
final class ReadModifyWrite {

    /** An edit of a fresh copy of the resource. */
    @FunctionalInterface
    interface Edit {
        /**
         * @param body a writable copy of the resource as read ({@link ResourceOperations#writableCopy}), to change
         * @param current the resource as read, not to change
         * @return {@code body} changed, or {@code null} when the resource already is as wanted (nothing is sent)
         * @throws InvalidInputException when the edit does not apply to the resource as it is
         */
        ObjectNode apply(ObjectNode body, ObjectNode current) throws InvalidInputException;
    }

    /**
     * What was done.
     *
     * @param before the resource as last read
     * @param after the resource as the server answered the update; {@code before} when nothing was sent
     * @param diff what the update changed ({@link SpecDiff}); empty when nothing was sent
     * @param sent whether an update was sent
     */
    record Result(ObjectNode before, ObjectNode after, List<String> diff, boolean sent) {}

    private ReadModifyWrite() {}

    static Result run(SeldonClient client, LogSink log, ResourceKind kind, String namespace, String name,
            WriteAudit audit, Edit edit) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            ObjectNode current = KubernetesShape.normalize(client.get(kind, namespace, name));
            ObjectNode body = edit.apply(ResourceOperations.writableCopy(current), current);
            if (body == null) {
                return new Result(current, current, List.of(), false);
            }
            List<String> diff = SpecDiff.lines(current, body);
            try {
                ObjectNode after = KubernetesShape.normalize(client.update(kind, namespace, name, body, audit));
                return new Result(current, after, diff, true);
            } catch (ConflictException e) {
                if (attempt > 1) {
                    throw e;
                }
                log.warn(capitalised(ResourceOperations.subject(kind, namespace, name)) + " changed while it was being"
                        + " updated (409 Conflict); reading it again and retrying once");
            }
        }
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

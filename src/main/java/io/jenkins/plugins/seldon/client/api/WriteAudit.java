package io.jenkins.plugins.seldon.client.api;

/**
 * The GitOps audit metadata of one write, sent as the {@code action} and {@code message} query parameters; Seldon
 * records them in the commit it makes. Either may be {@code null} (then it is not sent).
 */
public record WriteAudit(String action, String message) {

    /** Sends neither parameter. */
    public static final WriteAudit NONE = new WriteAudit(null, null);
}

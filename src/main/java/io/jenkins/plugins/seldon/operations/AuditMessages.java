package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.api.ResourceKind;

/**
 * The GitOps audit metadata of writes. In GitOps namespaces Seldon records {@code action} and {@code message} in the
 * commit it makes, so the action says what happened to which kind ("Pipeline created") and by default the message
 * says which build made the change.
 */
public final class AuditMessages {

    /** Longer messages are cut: they end up in commit messages and URLs. */
    static final int MAX_LENGTH = 500;

    private AuditMessages() {}

    /**
     * The {@code action} of a write, e.g. {@code Pipeline created}, {@code Model updated}. SeldonDeployments keep
     * the phrase Seldon's own tools write into commits, {@code Deployment created}.
     */
    public static String action(ResourceKind kind, Change.Action action) {
        String subject = kind == ResourceKind.SELDON_DEPLOYMENT ? "Deployment" : kind.kind();
        return subject + " " + action.text();
    }

    /**
     * The message of a write that promotes a resource from another environment: where it comes from, then
     * {@code message}, e.g. {@code Promoted from staging: Pipeline staging/iris (resourceVersion 42). Jenkins
     * team/release #7 https://...}; cleaned and bounded as {@link #message} is.
     *
     * @param source names the source server, its namespace, the resource and its {@code resourceVersion}
     * @param message the build's message ({@link #message}), may be {@code null}
     */
    public static String promotion(String source, String message) {
        String text = "Promoted from " + source + (message == null || message.isBlank() ? "" : ". " + message);
        return message(text, null, 0, null);
    }

    /**
     * The message to send: {@code override} when it has text, otherwise {@code Jenkins <job> #<build> <url>}. Line
     * breaks and other control characters become spaces and the result is trimmed.
     *
     * @param override the user's {@code message:} parameter, may be {@code null}
     * @param jobFullName the job's full name, e.g. {@code team/deploy-model}
     * @param buildNumber the build number
     * @param buildUrl the build's absolute URL, or {@code null} when Jenkins has no root URL configured
     */
    public static String message(String override, String jobFullName, int buildNumber, String buildUrl) {
        String text = override != null && !override.isBlank()
                ? override
                : "Jenkins " + jobFullName + " #" + buildNumber + (buildUrl == null ? "" : " " + buildUrl);
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.substring(0, Math.min(clean.length(), MAX_LENGTH));
    }
}

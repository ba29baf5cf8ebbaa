package io.jenkins.plugins.seldon.client.api;

/** The Kubernetes resource kinds the client manages through the Seldon API. */
public enum ResourceKind {
    SELDON_DEPLOYMENT("seldondeployments", "machinelearning.seldon.io/v1", "SeldonDeployment");

    private final String plural;
    private final String apiVersion;
    private final String kind;

    ResourceKind(String plural, String apiVersion, String kind) {
        this.plural = plural;
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    /** The path segment of the collection, e.g. {@code seldondeployments}. */
    public String plural() {
        return plural;
    }

    /** The manifest's {@code apiVersion}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The manifest's {@code kind}. */
    public String kind() {
        return kind;
    }
}

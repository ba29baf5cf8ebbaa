package io.jenkins.plugins.seldon.client.api;

import java.util.Optional;

/**
 * The Kubernetes resource kinds the client manages through the Seldon API: SeldonDeployments of Seldon Core v1, and
 * the Pipelines, Models and Experiments of Seldon Core v2. Which operations each kind has is in {@link Endpoint}.
 */
public enum ResourceKind {
    SELDON_DEPLOYMENT("machinelearning.seldon.io/v1", "SeldonDeployment"),
    PIPELINE("mlops.seldon.io/v1alpha1", "Pipeline"),
    MODEL("mlops.seldon.io/v1alpha1", "Model"),
    /**
     * The API addresses an experiment only through its main pipeline ({@code spec.default}):
     * {@code /namespaces/{namespace}/pipelines/{main}/experiment}. Wherever a method takes a name, the name of an
     * experiment is therefore the name of its main pipeline.
     */
    EXPERIMENT("mlops.seldon.io/v1alpha1", "Experiment");

    private final String apiVersion;
    private final String kind;

    ResourceKind(String apiVersion, String kind) {
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    /** The manifest's {@code apiVersion}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The manifest's {@code kind}, e.g. {@code Pipeline}. */
    public String kind() {
        return kind;
    }

    /** Whether Seldon Core v2 serves this kind (rather than Seldon Core v1). */
    public boolean isCoreV2() {
        return this != SELDON_DEPLOYMENT;
    }

    /** The kind a manifest's {@code kind} names, matched exactly as Kubernetes does. */
    public static Optional<ResourceKind> ofManifestKind(String kind) {
        for (ResourceKind k : values()) {
            if (k.kind.equals(kind)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}

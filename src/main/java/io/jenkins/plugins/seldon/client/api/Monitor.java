package io.jenkins.plugins.seldon.client.api;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the API can attach to a deployment to watch it (its {@code .../monitor/...} requests): drift and outlier
 * detectors for SeldonDeployments and Pipelines, and the metrics server of a SeldonDeployment. Each is created from a
 * {@code DetectorConfigData} body ({@code name} and {@code config}), listed and deleted by its name.
 */
public enum Monitor {
    DRIFT_DETECTOR("drift-detector", "drift detector",
            Set.of(ResourceKind.SELDON_DEPLOYMENT, ResourceKind.PIPELINE)),
    OUTLIER_DETECTOR("outlier-detector", "outlier detector",
            Set.of(ResourceKind.SELDON_DEPLOYMENT, ResourceKind.PIPELINE)),
    METRICS_SERVER("metrics-server", "metrics server", Set.of(ResourceKind.SELDON_DEPLOYMENT));

    private final String segment;
    private final String text;
    private final Set<ResourceKind> kinds;

    Monitor(String segment, String text, Set<ResourceKind> kinds) {
        this.segment = segment;
        this.text = text;
        this.kinds = kinds;
    }

    /** The path segment after {@code monitor/}, e.g. {@code drift-detector}; also what a step names it by. */
    public String segment() {
        return segment;
    }

    /** Lower case words, e.g. {@code drift detector}. */
    public String text() {
        return text;
    }

    /** Whether the API can attach this to a resource of {@code kind}. */
    public boolean supports(ResourceKind kind) {
        return kinds.contains(kind);
    }

    /**
     * The monitor a step or form names: its segment ({@code drift-detector}), its first word ({@code drift}) or its
     * constant ({@code DRIFT_DETECTOR}), in any case.
     */
    public static Optional<Monitor> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Monitor m : values()) {
            if (m.segment.equals(n) || m.segment.startsWith(n + "-")) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}

package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a main version shares its traffic now: for a Pipeline (Seldon Core v2), what its experiment says; for a
 * SeldonDeployment (Seldon Core v1), what its predictors say.
 *
 * @param kind {@link ResourceKind#PIPELINE} or {@link ResourceKind#SELDON_DEPLOYMENT}
 * @param namespace the namespace
 * @param target the main pipeline, or the SeldonDeployment
 * @param experiment for a Pipeline, the name of its experiment, or {@code null} when it has none
 * @param main the version that serves by default: the main pipeline, or the SeldonDeployment's first predictor that is
 *     not a shadow
 * @param weights the versions that serve traffic and their weights, {@code main} first: pipelines and the
 *     experiment's weights (relative, usually summing to 100), or predictors and their {@code traffic} (percentages)
 * @param shadow the version that gets a copy of the traffic, or {@code null}
 */
public record TrafficSplit(ResourceKind kind, String namespace, String target, String experiment, String main,
        Map<String, Integer> weights, String shadow) {

    public TrafficSplit {
        Objects.requireNonNull(kind, "kind");
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** The canary: the one version besides {@link #main()} that serves traffic, or {@code null} when there is none. */
    public String canary() {
        List<String> others = new ArrayList<>(weights.keySet());
        others.remove(main);
        return others.size() == 1 ? others.get(0) : null;
    }

    /** The canary's share of the traffic in percent, or 0 when there is no canary. */
    public int canaryPercent() {
        String canary = canary();
        return canary == null ? 0 : percent(canary);
    }

    /** {@code version}'s share of the traffic in percent, rounded (weights of Core v2 experiments are relative). */
    public int percent(String version) {
        Integer weight = weights.get(version);
        if (weight == null) {
            return 0;
        }
        long sum = 0;
        for (int w : weights.values()) {
            sum += Math.max(w, 0);
        }
        return sum == 0 ? 0 : (int) Math.round(Math.max(weight, 0) * 100.0 / sum);
    }

    /**
     * E.g. {@code iris 80%, iris-v2 20%}, {@code default 100%; shadow iris-v2 gets a copy}; a main version without
     * experiment or other predictors: {@code iris 100%}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (weights.isEmpty() && main != null) {
            parts.add(main + " 100%");
        }
        for (String version : weights.keySet()) {
            parts.add(version + " " + percent(version) + "%");
        }
        return String.join(", ", parts) + (shadow == null ? "" : "; shadow " + shadow + " gets a copy");
    }

    /**
     * As plain values for a Pipeline script: {@code kind}, {@code namespace}, {@code target}, {@code main},
     * {@code weights} (a map of percentages, main first), {@code description}, and where set {@code experiment},
     * {@code canary}, {@code canaryPercent} and {@code shadow}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind.kind());
        map.put("namespace", namespace);
        map.put("target", target);
        if (experiment != null) {
            map.put("experiment", experiment);
        }
        map.put("main", main);
        Map<String, Object> percents = new LinkedHashMap<>();
        for (String version : weights.keySet()) {
            percents.put(version, percent(version));
        }
        map.put("weights", percents);
        String canary = canary();
        if (canary != null) {
            map.put("canary", canary);
            map.put("canaryPercent", canaryPercent());
        }
        if (shadow != null) {
            map.put("shadow", shadow);
        }
        map.put("description", describe());
        return map;
    }

    @Override
    public String toString() {
        return describe();
    }
}

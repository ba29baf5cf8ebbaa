package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link GatedRollout} stands: what it rolls out and how far it got. A plain immutable serialisable class
 * (not a record) so that a Pipeline step can persist it with its execution and, after a controller restart, hand it
 * to a fresh {@link GatedRollout} to roll back. It holds names and times only, never a token or a manifest.
 */
public final class RolloutState implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How far the rollout got; each phase's method returns the state of the next. */
    public enum Phase {
        /** Checked and planned ({@link GatedRollout#plan}); nothing sent yet. */
        PLANNED,
        /** The candidate applied (when a manifest was given) and the canary started. */
        STARTED,
        /** The candidate is ready: the gate runs. */
        READY,
        /** The gate passed and the canary was promoted. */
        PROMOTED,
        /** The canary was removed; the main version serves all traffic. */
        ROLLED_BACK
    }

    private final ResourceKind kind;
    private final String namespace;
    private final String target;
    private final String candidate;
    private final int weight;
    private final Phase phase;
    /** The main pipeline, or the SeldonDeployment's main predictor once known (after the start). */
    private final String main;
    private final LastWrite candidateWrite;
    private final LastWrite canaryWrite;
    /** Core v1: the candidate predictor's in-cluster prediction URL, from the deployment's status once ready. */
    private final String candidateUrl;

    RolloutState(ResourceKind kind, String namespace, String target, String candidate, int weight, Phase phase,
            String main, LastWrite candidateWrite, LastWrite canaryWrite, String candidateUrl) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.target = Objects.requireNonNull(target, "target");
        this.candidate = Objects.requireNonNull(candidate, "candidate");
        this.weight = weight;
        this.phase = Objects.requireNonNull(phase, "phase");
        this.main = main;
        this.candidateWrite = candidateWrite;
        this.canaryWrite = canaryWrite;
        this.candidateUrl = candidateUrl;
    }

    /** {@link ResourceKind#PIPELINE} or {@link ResourceKind#SELDON_DEPLOYMENT}. */
    public ResourceKind kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    /** The main pipeline, or the SeldonDeployment. */
    public String target() {
        return target;
    }

    /** The candidate pipeline, or the candidate predictor. */
    public String candidate() {
        return candidate;
    }

    /** The canary's share of the traffic, in percent. */
    public int weight() {
        return weight;
    }

    public Phase phase() {
        return phase;
    }

    /**
     * The version that serves when the canary is removed: the main pipeline, or the SeldonDeployment's main predictor
     * ({@code null} before the start has read the deployment).
     */
    public String main() {
        return main;
    }

    /** Core v1: the candidate predictor's in-cluster prediction URL, once ready and when its status lists it. */
    public String candidateUrl() {
        return candidateUrl;
    }

    /**
     * What to wait for before the gate, in order, each with our write before it (for {@link Readiness#start}): for a
     * Pipeline the candidate pipeline, then the main pipeline's experiment; for a SeldonDeployment the deployment,
     * which is available when all its predictors are.
     */
    public List<Wait> waits() {
        List<Wait> waits = new ArrayList<>();
        if (kind == ResourceKind.PIPELINE) {
            waits.add(new Wait(new Readiness(ResourceKind.PIPELINE, namespace, candidate), candidateWrite));
            waits.add(new Wait(new Readiness(ResourceKind.EXPERIMENT, namespace, target), canaryWrite));
        } else {
            waits.add(new Wait(new Readiness(kind, namespace, target), canaryWrite));
        }
        return waits;
    }

    RolloutState with(Phase next) {
        return new RolloutState(kind, namespace, target, candidate, weight, next, main, candidateWrite, canaryWrite,
                candidateUrl);
    }

    RolloutState started(String mainVersion, LastWrite candidateWritten, LastWrite canaryWritten) {
        return new RolloutState(kind, namespace, target, candidate, weight, Phase.STARTED, mainVersion,
                candidateWritten, canaryWritten, candidateUrl);
    }

    RolloutState ready(String url) {
        return new RolloutState(kind, namespace, target, candidate, weight, Phase.READY, main, candidateWrite,
                canaryWrite, url);
    }

    /** E.g. {@code canary iris-v2 of Pipeline staging/iris at 20% (STARTED)}. */
    @Override
    public String toString() {
        return "canary " + candidate + " of " + kind.kind() + " " + namespace + "/" + target + " at " + weight + "% ("
                + phase + ")";
    }

    /** One resource to wait for: how to judge it, and our write just before (or {@code null}). */
    public static final class Wait implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Readiness readiness;
        private final LastWrite lastWrite;

        Wait(Readiness readiness, LastWrite lastWrite) {
            this.readiness = readiness;
            this.lastWrite = lastWrite;
        }

        public Readiness readiness() {
            return readiness;
        }

        /** For {@link Readiness#start}; {@code null} when we did not write it just before. */
        public LastWrite lastWrite() {
            return lastWrite;
        }
    }
}

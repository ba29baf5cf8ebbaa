package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A canary gated by a test, without Jenkins: the phases a block step calls in order, each returning a
 * {@link RolloutState} to persist before the next.
 * <ol>
 *   <li>{@link #plan}: checks the parameters and, when not given, finds the candidate's name in its manifest; sends
 *       nothing. Persist the state at once: from here on, {@link #rollBack} knows what to clean up.</li>
 *   <li>{@link #start}: applies the candidate's manifest when one is given (for a Pipeline: its Models and Pipeline;
 *       the candidate pipeline's labels are checked first), and starts the canary ({@link Rollouts#startCanary}).</li>
 *   <li>Wait until the candidate is ready: {@link RolloutState#waits()} with {@link Readiness} (non-blocking), or
 *       {@link #awaitReady} (blocking); then {@link #ready}, which notes what the gate needs.</li>
 *   <li>The gate (the step's body) runs, with {@link #gateEnvironment}.</li>
 *   <li>Gate passed: {@link #promote}. Gate failed, build aborted, or controller restarted mid-gate:
 *       {@link #rollBack}, which removes the canary as far as it can, whatever the phase, and says in one line what
 *       state it left.</li>
 * </ol>
 * The same for Pipelines (Seldon Core v2: the candidate is a pipeline, started through the experiment API) and
 * SeldonDeployments (Seldon Core v1: the candidate is a predictor added to the deployment). The candidate itself is
 * left in place after a roll-back, so that it can be looked into; the next rollout of it applies it again.
 */
public final class GatedRollout {

    /** How often {@link #awaitReady} reads, unless told otherwise. */
    public static final Duration DEFAULT_POLL_INTERVAL = ResourceWait.DEFAULT_POLL_INTERVAL;

    private final SeldonClient client;
    private final LogSink log;
    private final Clock clock;
    private final String auditMessage;
    private final ResourceWait wait;

    /** @param auditMessage the {@code message} sent with every write ({@link AuditMessages#message}) */
    public GatedRollout(SeldonClient client, LogSink log, Clock clock, String auditMessage) {
        this(client, log, clock, auditMessage, new ResourceWait(client, log, clock));
    }

    GatedRollout(SeldonClient client, LogSink log, Clock clock, String auditMessage, ResourceWait wait) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditMessage = auditMessage;
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    /**
     * What {@link #promote} and {@link #rollBack} (and every other phase) did.
     *
     * @param state the state to persist now
     * @param changes what was changed, for the build's record of changes
     * @param summary one line for the log: what was done and the state it left
     */
    public record Result(RolloutState state, List<Change> changes, String summary) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    /**
     * Checks a rollout without sending anything.
     *
     * @param kind {@link ResourceKind#PIPELINE} or {@link ResourceKind#SELDON_DEPLOYMENT}
     * @param target the main pipeline, or the SeldonDeployment
     * @param candidate the candidate pipeline or predictor; {@code null} to take it from {@code manifest}: the one
     *     Pipeline in it, or the name of the SeldonDeployment's first predictor
     * @param weight the canary's share of the traffic, 0 to 100
     * @param manifest the candidate's documents: for a Pipeline its Models and Pipeline, or nothing when the candidate
     *     pipeline exists already; for a SeldonDeployment one SeldonDeployment manifest, whose first predictor is the
     *     candidate (its other predictors and its name do not matter)
     * @throws InvalidInputException naming what is wrong
     */
    public static RolloutState plan(ResourceKind kind, String namespace, String target, String candidate, int weight,
            List<Manifests.Document> manifest) throws InvalidInputException {
        if (kind != ResourceKind.PIPELINE && kind != ResourceKind.SELDON_DEPLOYMENT) {
            throw new InvalidInputException("A gated rollout is for a Pipeline or a SeldonDeployment, not a "
                    + kind.kind());
        }
        Names.checkNamespace(namespace);
        Names.checkName(kind, target);
        PipelineRollouts.checkWeight(weight);
        String name = Candidates.of(kind, namespace, target, candidate, manifest, false).name();
        return new RolloutState(kind, namespace, target, name, weight, RolloutState.Phase.PLANNED,
                kind == ResourceKind.PIPELINE ? target : null, null, null, null);
    }

    /**
     * Applies the candidate's manifest, if any, and starts the canary.
     *
     * @param manifest the same documents as given to {@link #plan}
     * @throws IOException as the operations throw it; nothing is rolled back here (call {@link #rollBack})
     */
    public Result start(RolloutState planned, List<Manifests.Document> manifest)
            throws IOException, InterruptedException {
        requirePhase(planned, RolloutState.Phase.PLANNED);
        log.info("Starting the canary " + planned.candidate() + " of " + planned.kind().kind() + " "
                + planned.namespace() + "/" + planned.target() + " at " + planned.weight() + "%");
        List<Change> changes = new ArrayList<>();
        Rollouts rollouts = Rollouts.of(planned.kind(), client, log, auditMessage);
        Candidate candidate;
        LastWrite candidateWrite = null;
        if (planned.kind() == ResourceKind.PIPELINE) {
            if (!manifest.isEmpty()) {
                ResourceOperations operations = new ResourceOperations(client, log, clock, auditMessage);
                for (ResourceOperations.ApplyResult r : operations.apply(planned.namespace(), manifest, false)) {
                    changes.add(r.change());
                    if (r.change().kind() == ResourceKind.PIPELINE
                            && r.change().name().equals(planned.candidate())) {
                        candidateWrite = r.write();
                    }
                }
            }
            candidate = Candidate.pipeline(planned.candidate());
        } else {
            candidate = Candidates.of(planned.kind(), planned.namespace(), planned.target(), planned.candidate(),
                    manifest, false);
        }
        Change started = rollouts.startCanary(planned.namespace(), planned.target(), candidate, planned.weight());
        changes.add(started);
        LastWrite canaryWrite = switch (started.action()) {
            case CANARY_STARTED -> new LastWrite(planned.kind() == ResourceKind.PIPELINE ? LastWrite.Kind.CREATED
                    : LastWrite.Kind.UPDATED, clock.instant());
            case CANARY_WEIGHT_CHANGED -> new LastWrite(LastWrite.Kind.UPDATED, clock.instant());
            default -> null;
        };
        String main = planned.kind() == ResourceKind.PIPELINE ? planned.target()
                : rollouts.current(planned.namespace(), planned.target()).main();
        RolloutState state = planned.started(main, candidateWrite, canaryWrite);
        return new Result(state, changes, "canary " + state.candidate() + " started: " + started.detail());
    }

    /**
     * Waits, polling in this thread, until the candidate is ready ({@link RolloutState#waits()} in turn, all within
     * {@code timeout}), then {@link #ready}.
     *
     * @throws NotReadyException when a wait fails or times out; the canary is left running (call {@link #rollBack})
     */
    public Result awaitReady(RolloutState started, Duration timeout, Duration pollInterval)
            throws IOException, InterruptedException {
        requirePhase(started, RolloutState.Phase.STARTED);
        Instant deadline = clock.instant().plus(timeout);
        ObjectNode last = null;
        for (RolloutState.Wait w : started.waits()) {
            Duration left = Duration.between(clock.instant(), deadline);
            last = wait.run(w.readiness(), left.isNegative() ? Duration.ZERO : left, pollInterval, w.lastWrite());
        }
        RolloutState ready = ready(started, last);
        return new Result(ready, List.of(), "canary " + ready.candidate() + " is ready");
    }

    /**
     * The candidate is ready: the gate may run. For a SeldonDeployment, notes the candidate predictor's in-cluster
     * prediction URL from {@code status.serviceStatus} (for {@link #gateEnvironment}).
     *
     * @param lastRead the resource as read by the last wait, which found it ready (for a SeldonDeployment, the
     *     deployment); may be {@code null}
     */
    public static RolloutState ready(RolloutState started, JsonNode lastRead) {
        String url = null;
        if (started.kind() == ResourceKind.SELDON_DEPLOYMENT && lastRead != null) {
            url = predictorUrl(lastRead, started.target(), started.candidate(), started.namespace());
        }
        return started.ready(url);
    }

    /**
     * The gate passed: the canary replaces the main version ({@link Rollouts#promoteCanary}).
     *
     * @throws IOException when the promotion fails; it is logged as a warning saying that the canary still runs at
     *     its weight (it is not rolled back: the gate passed)
     */
    public Result promote(RolloutState ready) throws IOException, InterruptedException {
        requirePhase(ready, RolloutState.Phase.READY);
        Rollouts rollouts = Rollouts.of(ready.kind(), client, log, auditMessage);
        Change promoted;
        try {
            promoted = rollouts.promoteCanary(ready.namespace(), ready.target());
        } catch (IOException e) {
            log.warn("Could not promote the canary " + ready.candidate() + ": " + e.getMessage() + "; it still gets "
                    + ready.weight() + "% of the traffic of " + ready.target());
            throw e;
        }
        String serves = ready.kind() == ResourceKind.PIPELINE ? ready.target() + " serves 100% with its spec"
                : "predictor " + ready.candidate() + " of SeldonDeployment " + ready.target() + " serves 100%";
        return new Result(ready.with(RolloutState.Phase.PROMOTED), List.of(promoted), "canary " + ready.candidate()
                + " promoted; " + serves);
    }

    /**
     * Removes the canary so that the main version serves all traffic, whatever the phase (the canary may not have
     * started, or the start may not be visible yet), and never throws: what it could not do is in the summary, which
     * says exactly what state it left, e.g. {@code canary iris-v2 removed; iris serves 100%} or {@code could not
     * remove the canary iris-v2: ...; it still gets 20% of the traffic of iris}. The candidate itself is left in place.
     * Call it on a thread that is not interrupted (an aborted build's own thread is).
     *
     * @param reason why, for the log: the gate failed, the build was aborted, the controller restarted...
     */
    public Result rollBack(RolloutState state, String reason) {
        log.warn("Rolling back the canary " + state.candidate() + " of " + state.kind().kind() + " "
                + state.namespace() + "/" + state.target() + ": " + reason);
        List<Change> changes = new ArrayList<>();
        String summary;
        RolloutState next = state;
        try {
            summary = removeCanary(state, changes);
            next = state.with(RolloutState.Phase.ROLLED_BACK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            summary = "the roll-back was interrupted: the canary " + state.candidate() + " may still get "
                    + state.weight() + "% of the traffic of " + state.target() + "; remove it by hand";
        } catch (IOException e) {
            summary = "could not remove the canary " + state.candidate() + ": " + e.getMessage() + "; it still gets "
                    + state.weight() + "% of the traffic of " + state.target();
        }
        log.warn("Roll-back: " + summary);
        return new Result(next, changes, summary);
    }

    /** Removes our canary if it runs; what was left, in words. */
    private String removeCanary(RolloutState state, List<Change> changes) throws IOException, InterruptedException {
        Rollouts rollouts = Rollouts.of(state.kind(), client, log, auditMessage);
        TrafficSplit split;
        try {
            split = rollouts.current(state.namespace(), state.target());
        } catch (NotFoundException e) {
            return state.kind().kind() + " " + state.namespace() + "/" + state.target() + " does not exist, so there"
                    + " is no canary to remove";
        }
        if (!state.candidate().equals(split.canary())) {
            if (split.canary() != null) {
                return "the canary of " + state.target() + " is " + split.canary() + ", not " + state.candidate()
                        + ", so it was left alone; " + split.describe();
            }
            String pending = state.kind() == ResourceKind.PIPELINE && state.phase() != RolloutState.Phase.PLANNED
                    ? " (in a GitOps namespace a canary started moments ago shows only after the sync: check then)"
                    : "";
            return "no canary " + state.candidate() + " of " + state.target() + " was running, so nothing was"
                    + " removed; " + split.describe() + pending;
        }
        changes.add(rollouts.removeCanary(state.namespace(), state.target(), true));
        return "canary " + state.candidate() + " removed; " + split.main() + " serves 100%" + left(state);
    }

    /** For a Pipeline, whether the candidate pipeline is still there (it is left in place). */
    private String left(RolloutState state) throws IOException, InterruptedException {
        if (state.kind() != ResourceKind.PIPELINE) {
            return "";
        }
        try {
            client.get(ResourceKind.PIPELINE, state.namespace(), state.candidate());
            return "; Pipeline " + state.candidate() + " is left in place";
        } catch (NotFoundException e) {
            return "";
        }
    }

    /**
     * What the gate gets to reach the candidate directly (the API's own predict endpoint follows the traffic split),
     * as environment variables:
     * <ul>
     *   <li>always: {@code SELDON_KIND} ({@code Pipeline} or {@code SeldonDeployment}), {@code SELDON_NAMESPACE},
     *       {@code SELDON_MAIN} (the main pipeline, or main predictor), {@code SELDON_CANDIDATE} (the candidate
     *       pipeline, or predictor), {@code SELDON_CANARY_WEIGHT}; for a SeldonDeployment
     *       {@code SELDON_DEPLOYMENT};</li>
     *   <li>for a Pipeline, when the cluster's inference URL is known: {@code SELDON_CANDIDATE_URL}, the candidate's
     *       Open Inference Protocol endpoint {@code <inference URL>/v2/models/<candidate>/infer}, and the headers
     *       Seldon routes by, as whole header lines for {@code curl -H}: {@code SELDON_CANDIDATE_MODEL_HEADER}
     *       ({@code Seldon-Model: <candidate>.pipeline}) and {@code SELDON_HOST_HEADER}
     *       ({@code Host: <namespace>.inference.seldon}, the host Seldon Enterprise Platform routes a namespace's
     *       inference by). Only the main pipeline's endpoint is split by the experiment; the candidate's is its
     *       own;</li>
     *   <li>for a SeldonDeployment: {@code SELDON_CANDIDATE_URL}, the candidate predictor's prediction endpoint
     *       inside the cluster, from the deployment's status ({@code http://<service>:<port>} and the path of its
     *       protocol), when the status lists it. Seldon Core v1's ingress route follows the traffic split and has none
     *       per predictor, so the inference URL does not help there; this address is reachable from inside the
     *       cluster only.</li>
     * </ul>
     *
     * @param inferenceUrl the cluster's inference base URL (e.g. {@code https://seldon.example.com}), or {@code null}
     */
    public static Map<String, String> gateEnvironment(RolloutState state, URI inferenceUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SELDON_KIND", state.kind().kind());
        env.put("SELDON_NAMESPACE", state.namespace());
        if (state.kind() == ResourceKind.SELDON_DEPLOYMENT) {
            env.put("SELDON_DEPLOYMENT", state.target());
        }
        if (state.main() != null) {
            env.put("SELDON_MAIN", state.main());
        }
        env.put("SELDON_CANDIDATE", state.candidate());
        env.put("SELDON_CANARY_WEIGHT", String.valueOf(state.weight()));
        if (state.kind() == ResourceKind.PIPELINE && inferenceUrl != null) {
            env.put("SELDON_CANDIDATE_URL", CoreV2Inference.url(inferenceUrl, state.candidate()));
            env.put("SELDON_CANDIDATE_MODEL_HEADER", CoreV2Inference.MODEL_HEADER + ": "
                    + CoreV2Inference.modelHeader(ResourceKind.PIPELINE, state.candidate()));
            env.put("SELDON_HOST_HEADER", CoreV2Inference.HOST_HEADER + ": "
                    + CoreV2Inference.hostHeader(state.namespace()));
        } else if (state.candidateUrl() != null) {
            env.put("SELDON_CANDIDATE_URL", state.candidateUrl());
        }
        return env;
    }

    /**
     * The candidate predictor's prediction URL inside the cluster: its Service as the deployment's
     * {@code status.serviceStatus} lists it (Seldon names it {@code <deployment>-<predictor>}), and the path of the
     * deployment's protocol; {@code null} when the status does not list it.
     */
    static String predictorUrl(JsonNode deployment, String name, String predictor, String namespace) {
        String service = name + "-" + predictor;
        String endpoint = null;
        for (JsonNode s : deployment.path("status").path("serviceStatus")) {
            if (service.equals(s.path("svcName").asText()) && s.path("httpEndpoint").isTextual()) {
                endpoint = s.path("httpEndpoint").asText();
            }
        }
        if (endpoint == null) {
            return null;
        }
        JsonNode spec = deployment.path("spec");
        String model = null;
        for (JsonNode p : spec.path("predictors")) {
            if (p.path("name").asText().equals(predictor)) {
                model = p.path("graph").path("name").asText(null);
            }
        }
        String path = switch (spec.path("protocol").asText("seldon")) {
            case "v2", "kfserving" -> model == null ? null : "/v2/models/" + model + "/infer";
            case "tensorflow" -> model == null ? null : "/v1/models/" + model + ":predict";
            default -> "/api/v1.0/predictions";
        };
        return path == null ? null : "http://" + endpoint + path;
    }

    private static void requirePhase(RolloutState state, RolloutState.Phase phase) {
        if (state.phase() != phase) {
            throw new IllegalStateException("The rollout is " + state.phase() + ", not " + phase + ": " + state);
        }
    }
}

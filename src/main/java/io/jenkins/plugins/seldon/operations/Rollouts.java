package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import java.io.IOException;

/**
 * Canaries and shadows, the same verbs for both generations of Seldon Core, so that the Jenkins steps are written once:
 * <ul>
 *   <li>Pipelines (Seldon Core v2, {@link PipelineRollouts}): the experiment of the main pipeline, through the API's
 *       canary and shadow requests; the candidate is another pipeline, labelled for the main one.</li>
 *   <li>SeldonDeployments (Seldon Core v1, {@link DeploymentRollouts}): extra predictors in the deployment, with
 *       {@code traffic} for a canary or {@code shadow: true}, written through a read-modify-write of the
 *       deployment.</li>
 * </ul>
 * A canary gets {@code weight} percent of the traffic and the main version the rest; a shadow gets a copy of the
 * traffic, and its answers are dropped. Starting a canary or shadow that runs already sets it again (its weight, and
 * for a SeldonDeployment its spec) rather than failing, so that a retried build converges. Each call logs what it did
 * and how the traffic is split afterwards, and returns the {@link Change}, whose {@link Change#detail()} is that split.
 *
 * <p>{@code target} is the main pipeline, or the SeldonDeployment. Inputs are checked before any request.
 *
 * @see GatedRollout for a canary gated by a test
 */
public interface Rollouts {

    /**
     * The implementation for {@code kind}.
     *
     * @param auditMessage the {@code message} sent with every write ({@link AuditMessages#message})
     * @throws IllegalArgumentException for a kind other than Pipeline and SeldonDeployment
     */
    static Rollouts of(ResourceKind kind, SeldonClient client, LogSink log, String auditMessage) {
        return switch (kind) {
            case PIPELINE -> new PipelineRollouts(client, log, auditMessage);
            case SELDON_DEPLOYMENT -> new DeploymentRollouts(client, log, auditMessage);
            default -> throw new IllegalArgumentException("Canaries and shadows are for Pipelines and"
                    + " SeldonDeployments, not " + kind.kind() + "s");
        };
    }

    /** {@link ResourceKind#PIPELINE} or {@link ResourceKind#SELDON_DEPLOYMENT}. */
    ResourceKind kind();

    /**
     * Starts a canary of {@code candidate} at {@code weight} percent; the main version gets the rest.
     *
     * @param candidate for a Pipeline {@link Candidate#pipeline}, for a SeldonDeployment {@link Candidate#predictor}
     * @throws InvalidInputException before any write: an invalid name or weight, a candidate pipeline without the
     *     labels the API finds it by (naming the label and the value it needs), another canary or experiment running
     */
    Change startCanary(String namespace, String target, Candidate candidate, int weight)
            throws IOException, InterruptedException;

    /** Gives the running canary {@code weight} percent and the main version the rest. */
    Change setCanaryWeight(String namespace, String target, int weight) throws IOException, InterruptedException;

    /** The canary replaces the main version and serves all traffic. */
    Change promoteCanary(String namespace, String target) throws IOException, InterruptedException;

    /**
     * Removes the canary; the main version serves all traffic.
     *
     * @param allowMissing when there is no canary, return {@link Change.Action#UNCHANGED} rather than fail
     */
    Change removeCanary(String namespace, String target, boolean allowMissing) throws IOException, InterruptedException;

    /** Starts a shadow of {@code candidate}: it gets a copy of the traffic, and its answers are dropped. */
    Change startShadow(String namespace, String target, Candidate candidate) throws IOException, InterruptedException;

    /** The shadow replaces the main version and serves all traffic. */
    Change promoteShadow(String namespace, String target) throws IOException, InterruptedException;

    /**
     * Removes the shadow.
     *
     * @param allowMissing when there is no shadow, return {@link Change.Action#UNCHANGED} rather than fail
     */
    Change removeShadow(String namespace, String target, boolean allowMissing) throws IOException, InterruptedException;

    /**
     * How the traffic of {@code target} is split now (for a Pipeline without experiment: all to the main pipeline).
     *
     * @throws io.jenkins.plugins.seldon.client.error.NotFoundException when {@code target} does not exist
     */
    TrafficSplit current(String namespace, String target) throws IOException, InterruptedException;
}

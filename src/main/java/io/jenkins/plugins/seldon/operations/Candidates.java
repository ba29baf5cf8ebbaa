package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and checks the candidate of a canary or shadow before anything is sent, from its name, its manifest, or both:
 * <ul>
 *   <li>for a Pipeline: the manifest (optional) holds only the candidate's Models and Pipeline, which are applied
 *       first; the candidate is the named pipeline or the one Pipeline in it, and a candidate Pipeline in it must
 *       carry the labels the API finds it by;</li>
 *   <li>for a SeldonDeployment: the manifest is one SeldonDeployment (or predictor) whose first predictor is the
 *       candidate, named as in it unless a name is given.</li>
 * </ul>
 */
public final class Candidates {

    private Candidates() {}

    /**
     * @param kind {@link ResourceKind#PIPELINE} or {@link ResourceKind#SELDON_DEPLOYMENT}
     * @param target the main pipeline, or the SeldonDeployment
     * @param candidate the candidate's name, or {@code null} to take it from {@code manifest}
     * @param manifest the candidate's documents; may be empty for a Pipeline that exists already
     * @param shadow whether the candidate becomes a shadow rather than a canary (the label it needs differs)
     * @throws InvalidInputException naming what is wrong
     */
    public static Candidate of(ResourceKind kind, String namespace, String target, String candidate,
            List<Manifests.Document> manifest, boolean shadow) throws InvalidInputException {
        if (kind == ResourceKind.PIPELINE) {
            return pipeline(namespace, target, candidate, manifest, shadow);
        }
        if (kind == ResourceKind.SELDON_DEPLOYMENT) {
            return predictor(namespace, target, candidate, manifest);
        }
        throw new InvalidInputException("Canaries and shadows are for Pipelines and SeldonDeployments, not "
                + kind.kind() + "s");
    }

    private static Candidate pipeline(String namespace, String target, String candidate,
            List<Manifests.Document> manifest, boolean shadow) throws InvalidInputException {
        String role = shadow ? PipelineRollouts.SHADOW : PipelineRollouts.CANARY;
        List<Manifests.ValidManifest> pipelines = new ArrayList<>();
        for (Manifests.Document d : manifest) {
            Manifests.ValidManifest m = Manifests.validate(d.manifest(), namespace, d.source());
            if (m.kind() == ResourceKind.PIPELINE) {
                pipelines.add(m);
            } else if (m.kind() != ResourceKind.MODEL) {
                // The API makes the main pipeline's experiment itself; anything else is not the candidate's.
                throw new InvalidInputException(d.source() + ": a " + role + "'s manifest holds only the candidate's"
                        + " Models and Pipeline; remove the " + m.kind().kind() + " " + m.name());
            }
        }
        String name = candidate;
        if (name == null) {
            if (pipelines.size() != 1) {
                throw new InvalidInputException(manifest.isEmpty() ? "Name the candidate pipeline, or give its"
                        + " manifest" : "The candidate's manifest has " + pipelines.size() + " Pipelines; name"
                        + " the candidate");
            }
            name = pipelines.get(0).name();
        }
        Names.checkName(ResourceKind.PIPELINE, name);
        for (Manifests.ValidManifest m : pipelines) {
            List<String> problems = m.name().equals(name) ? PipelineRollouts.labelProblems(
                    m.manifest().path("metadata").path("labels"), target, role) : List.of();
            if (!problems.isEmpty()) {
                throw new InvalidInputException(m.source() + ": Pipeline " + name + " cannot be the " + role + " of "
                        + target + ": " + String.join("; ", problems) + ". The API finds the " + role + " of a"
                        + " pipeline by these labels.");
            }
        }
        return Candidate.pipeline(name);
    }

    private static Candidate predictor(String namespace, String target, String candidate,
            List<Manifests.Document> manifest) throws InvalidInputException {
        if (manifest.size() != 1) {
            throw new InvalidInputException("The candidate of SeldonDeployment " + namespace + "/" + target + " is a"
                    + " predictor: give one SeldonDeployment manifest, whose first predictor is the candidate, or the"
                    + " predictor itself (" + manifest.size() + " document" + (manifest.size() == 1 ? "" : "s")
                    + " given)");
        }
        Manifests.Document d = manifest.get(0);
        if (ResourceKind.SELDON_DEPLOYMENT.kind().equals(d.manifest().path("kind").asText())) {
            Manifests.validate(d.manifest(), namespace, d.source());
        }
        return Candidate.predictor(d.manifest(), candidate, d.source());
    }
}

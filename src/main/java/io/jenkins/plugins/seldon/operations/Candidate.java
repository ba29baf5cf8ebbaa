package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;

/**
 * The new version a canary or shadow tries out: for a Pipeline, another pipeline that exists already (the API finds it
 * by its labels); for a SeldonDeployment, a predictor that {@link DeploymentRollouts} adds to the deployment.
 *
 * @param name the candidate pipeline, or the candidate predictor's name
 * @param predictor for a SeldonDeployment, the predictor's spec (with {@code name} set to {@code name}); otherwise
 *     {@code null}
 */
public record Candidate(String name, ObjectNode predictor) {

    /** A candidate pipeline (Seldon Core v2), labelled for its main pipeline. */
    public static Candidate pipeline(String name) throws InvalidInputException {
        return new Candidate(Names.checkName(ResourceKind.PIPELINE, name), null);
    }

    /**
     * A candidate predictor (Seldon Core v1), from a predictor's spec or from a SeldonDeployment manifest, whose first
     * predictor (its default) is taken. Its {@code traffic} and {@code shadow} are set by the operation.
     *
     * @param predictorOrDeployment a predictor ({@code name}, {@code graph}, ...) or a whole SeldonDeployment
     * @param name the predictor's name in the deployment, or {@code null} to keep the one it has
     * @param source names the input in messages, e.g. the file it came from
     * @throws InvalidInputException when there is no predictor, it has no {@code graph}, or its name is missing or
     *     invalid
     */
    public static Candidate predictor(ObjectNode predictorOrDeployment, String name, String source)
            throws InvalidInputException {
        JsonNode predictor = predictorOrDeployment;
        String where = source;
        if (ResourceKind.SELDON_DEPLOYMENT.kind().equals(predictorOrDeployment.path("kind").asText())) {
            predictor = predictorOrDeployment.path("spec").path("predictors").path(0);
            where = source + ": spec.predictors[0]";
            if (!predictor.isObject()) {
                throw new InvalidInputException(source + ": the SeldonDeployment has no predictor to take as the"
                        + " candidate (spec.predictors is empty or missing)");
            }
        }
        if (!predictor.path("graph").isObject()) {
            throw new InvalidInputException(where + ": a predictor needs a graph (the model it serves)");
        }
        JsonNode own = predictor.path("name");
        String given = name != null ? name : own.isTextual() ? own.asText() : null;
        if (given == null) {
            throw new InvalidInputException(where + ": the candidate predictor has no name; give it one");
        }
        try {
            Names.checkPredictorName(given);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
        ObjectNode copy = ((ObjectNode) predictor).deepCopy();
        copy.put("name", given);
        return new Candidate(given, copy);
    }
}

package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Sends a payload to what is deployed and checks the answer: the smoke test of a delivery pipeline. How depends on
 * the kind, since the API predicts with JSON for SeldonDeployments only:
 * <ul>
 *   <li>SeldonDeployment: the API's predict endpoint, the payload as it is (Seldon protocol, or the Open Inference
 *       Protocol for {@code protocol: v2} deployments);</li>
 *   <li>Pipeline (Seldon Core v2): the cluster's inference endpoint when the server's inference URL is configured
 *       ({@link CoreV2Inference}; the Open Inference Protocol), else the API's predict-file endpoint with the payload
 *       as the file;</li>
 *   <li>Model (Seldon Core v2): the inference endpoint only; the API has nothing that reaches a Model;</li>
 *   <li>Experiment: none; predict through its main pipeline, whose traffic the experiment splits.</li>
 * </ul>
 * An optional {@link Expectation} turns the prediction into a gate. Payloads and answers are never logged: they may
 * hold personal data.
 */
public final class Predictions {

    private final SeldonClient client;
    private final LogSink log;
    private final URI inferenceUrl;

    /** @param inferenceUrl the server's inference base URL, or {@code null} when none is configured */
    public Predictions(SeldonClient client, LogSink log, URI inferenceUrl) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.inferenceUrl = inferenceUrl;
    }

    /** The answer, and the way it came: {@code predict}, {@code predictfile} or {@code inference}. */
    public record Result(JsonNode answer, String route) {}

    /**
     * Sends {@code payload} and checks the answer against {@code expectation}.
     *
     * @param expectation what the answer must hold, or {@code null} for none
     * @throws InvalidInputException before any request, for a kind that cannot be asked this way
     * @throws OperationFailedException when the answer does not meet the expectation; it says what came
     */
    public Result predict(ResourceKind kind, String namespace, String name, JsonNode payload, Expectation expectation)
            throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        Names.checkName(kind, name);
        Objects.requireNonNull(payload, "payload");
        String subject = ResourceOperations.subject(kind, namespace, name);
        Result result = switch (kind) {
            case SELDON_DEPLOYMENT -> new Result(client.predict(namespace, name, payload), "predict");
            case PIPELINE -> inferenceUrl != null ? infer(kind, namespace, name, payload)
                    : new Result(client.predictFile(kind, namespace, name, bytes(payload), "payload.json"),
                            "predictfile");
            case MODEL -> {
                if (inferenceUrl == null) {
                    throw new InvalidInputException("The Seldon API cannot send a prediction to a Model: configure the"
                            + " server's inference URL to reach " + subject + " directly, or predict through a"
                            + " Pipeline that uses it");
                }
                yield infer(kind, namespace, name, payload);
            }
            case EXPERIMENT -> throw new InvalidInputException("An Experiment takes no predictions of its own: predict"
                    + " through its main pipeline, whose traffic it splits");
        };
        log.info("Prediction of " + subject + " answered (" + via(result.route()) + ")");
        if (expectation != null) {
            expectation.check(result.answer(), "The prediction of " + subject);
            log.info("The prediction of " + subject + " meets its expectation: " + expectation.describe());
        }
        return result;
    }

    private Result infer(ResourceKind kind, String namespace, String name, JsonNode payload)
            throws IOException, InterruptedException {
        return new Result(client.infer(inferenceUrl, name, CoreV2Inference.headers(kind, namespace, name), payload,
                kind.kind() + " '" + name + "' in namespace '" + namespace + "'"), "inference");
    }

    private String via(String route) {
        return switch (route) {
            case "predict" -> "through the API's predict endpoint";
            case "predictfile" -> "through the API's predict-file endpoint";
            default -> "through the inference URL " + inferenceUrl;
        };
    }

    private static byte[] bytes(JsonNode payload) {
        try {
            return Json.write(payload).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The payload cannot be written as JSON", e);
        }
    }
}

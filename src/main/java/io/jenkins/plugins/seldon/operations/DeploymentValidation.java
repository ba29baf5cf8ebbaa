package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.error.InvalidRequestException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Asks the server whether SeldonDeployment manifests are valid before they are applied: each is checked locally first
 * ({@link Manifests#validate}), then sent to the API's validation as a create would send it. The API validates
 * SeldonDeployments only; it answers a refusal with an error, whose message this reports.
 */
public final class DeploymentValidation {

    private final SeldonClient client;
    private final LogSink log;

    public DeploymentValidation(SeldonClient client, LogSink log) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Validates every document, in order, after checking all of them locally.
     *
     * @param namespace the namespace, or {@code null} to take each manifest's own
     * @return per document: {@code namespace}, {@code name}, {@code valid} (true) and the server's {@code message}
     * @throws InvalidInputException before any request, for a document that is invalid or no SeldonDeployment
     * @throws OperationFailedException when the server refuses a document; it names the document and says why
     */
    public List<Map<String, Object>> validate(String namespace, List<Manifests.Document> documents)
            throws IOException, InterruptedException {
        if (documents.isEmpty()) {
            throw new InvalidInputException("There is nothing to validate: no documents were given");
        }
        List<Manifests.ValidManifest> manifests = new ArrayList<>();
        for (Manifests.Document d : documents) {
            Manifests.ValidManifest m = Manifests.validate(d.manifest(), namespace, d.source());
            if (m.kind() != ResourceKind.SELDON_DEPLOYMENT) {
                throw new InvalidInputException(d.source() + ": the API validates SeldonDeployments only, not "
                        + m.kind().kind() + "s; a dry run of seldonApply compares them with the server instead");
            }
            manifests.add(m);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Manifests.ValidManifest m : manifests) {
            String subject = "SeldonDeployment " + m.namespace() + "/" + m.name();
            ObjectNode answer;
            try {
                answer = client.validate(m.namespace(), ResourceOperations.createBody(m.manifest(), m.namespace()));
            } catch (ServerErrorException | InvalidRequestException e) {
                String said = e.serverMessage() == null ? e.getMessage() : e.serverMessage();
                throw new OperationFailedException(m.source() + ": the server found " + subject + " invalid: "
                        + Readiness.clean(said) + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")"),
                        e);
            }
            String message = answer.path("message").asText("");
            log.info(subject + " is valid" + (message.isBlank() ? "" : ": " + Readiness.clean(message)));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("namespace", m.namespace());
            result.put("name", m.name());
            result.put("valid", true);
            result.put("message", message);
            results.add(result);
        }
        return results;
    }
}

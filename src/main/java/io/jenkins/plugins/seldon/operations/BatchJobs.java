package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Batch scoring through a SeldonDeployment or a Pipeline: the API starts an Argo Workflow from a
 * {@code BatchJobDefinition} (input and output data, data and payload types, batch size, workers, resources) and
 * reports its phase. Definitions are checked before anything is sent, since the API ignores fields it does not know:
 * a misspelt field would silently run the job with a default. Waiting is {@link BatchJobWait}; the API has no request
 * that stops a job.
 */
public final class BatchJobs {

    /** The fields of a {@code BatchJobDefinition} that are text. */
    static final Set<String> TEXT_FIELDS = Set.of("inputData", "outputData", "objectStoreSecretName", "batchDataType",
            "batchPayloadType", "batchMethod", "batchTransportProtocol", "pvcSize", "requestsCpu", "requestsMemory",
            "limitsCpu", "limitsMemory");
    /** Its whole numbers. */
    static final Set<String> INTEGER_FIELDS = Set.of("batchSize", "batchWorkers", "batchRetries");
    /** Its other numbers. */
    static final Set<String> NUMBER_FIELDS = Set.of("batchInterval");

    private final SeldonClient client;
    private final LogSink log;
    private final Clock clock;

    public BatchJobs(SeldonClient client, LogSink log, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks a definition: an object of the API's fields only, each of its type; {@code inputData} and
     * {@code outputData} given.
     *
     * @param source names the definition in messages, e.g. {@code definition} or a file
     * @throws InvalidInputException listing what is wrong
     */
    public static ObjectNode definition(JsonNode given, String source) throws InvalidInputException {
        if (!(given instanceof ObjectNode definition)) {
            throw new InvalidInputException(source + ": a batch job definition is a JSON object, e.g. {\"inputData\":"
                    + " \"s3://bucket/input.txt\", \"outputData\": \"s3://bucket/output.txt\"}");
        }
        Set<String> known = new TreeSet<>(TEXT_FIELDS);
        known.addAll(INTEGER_FIELDS);
        known.addAll(NUMBER_FIELDS);
        for (Iterator<Map.Entry<String, JsonNode>> it = definition.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!known.contains(key)) {
                throw new InvalidInputException(source + ": '" + key + "' is not a field of a batch job definition; the"
                        + " API knows " + String.join(", ", known));
            }
            boolean fits = TEXT_FIELDS.contains(key) ? value.isTextual()
                    : INTEGER_FIELDS.contains(key) ? value.isIntegralNumber() : value.isNumber();
            if (!fits) {
                throw new InvalidInputException(source + ": " + key + " must be "
                        + (TEXT_FIELDS.contains(key) ? "text" : INTEGER_FIELDS.contains(key) ? "a whole number"
                                : "a number") + ", not " + Expectation.show(value));
            }
        }
        for (String required : new String[] {"inputData", "outputData"}) {
            if (definition.path(required).asText("").isBlank()) {
                throw new InvalidInputException(source + ": give " + required + ", the URI of the job's "
                        + (required.equals("inputData") ? "input" : "output") + " data, e.g. s3://bucket/"
                        + (required.equals("inputData") ? "input" : "output") + ".txt");
            }
        }
        return definition;
    }

    /**
     * Starts a batch job.
     *
     * @return how to wait for it
     * @throws InvalidInputException before any request, for an invalid definition or kind
     */
    public BatchJobWait create(ResourceKind kind, String namespace, String name, ObjectNode definition)
            throws IOException, InterruptedException {
        checkTarget("Batch jobs run through", kind, namespace, name);
        definition(definition, "definition");
        ObjectNode created = client.createBatchJob(kind, namespace, name, definition);
        String workflow = created.path("workflowName").asText("");
        if (workflow.isEmpty()) {
            throw new UnexpectedResponseException("The Seldon API started a batch job for "
                    + ResourceOperations.subject(kind, namespace, name) + " but did not say its workflowName; follow"
                    + " it in the platform's UI.", 200, null);
        }
        BatchJobWait wait = new BatchJobWait(kind, namespace, name, workflow);
        log.info("Started " + wait.subject());
        return wait;
    }

    /** @param what the operation and its verb, e.g. {@code Batch jobs run through}, for the message of a wrong kind */
    static void checkTarget(String what, ResourceKind kind, String namespace, String name)
            throws InvalidInputException {
        Names.checkNamespace(namespace);
        if (kind != ResourceKind.SELDON_DEPLOYMENT && kind != ResourceKind.PIPELINE) {
            throw new InvalidInputException(what + " a SeldonDeployment or a Pipeline, not a " + kind.kind());
        }
        Names.checkName(kind, name);
    }

    /**
     * Polls in the calling thread until the job succeeds, fails or the timeout passes: the freestyle step's loop
     * around {@link BatchJobWait}. An interrupt ends it at once.
     *
     * @return the job's {@code Description} as last read (its {@code workflowStatus}, times, names)
     * @throws OperationFailedException when it ended in {@code Failed} or {@code Error}, was not found, or the
     *     timeout passed
     */
    public ObjectNode await(BatchJobWait wait, Duration timeout, Duration pollInterval)
            throws IOException, InterruptedException {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive, got " + pollInterval);
        }
        BatchJobWait.Progress progress = wait.start(clock.instant(), timeout);
        log.info("Waiting up to " + Readiness.human(timeout) + " for " + wait.subject() + " to finish");
        while (true) {
            BatchJobWait.Verdict verdict;
            try {
                ObjectNode job = client.batchJob(wait.kind(), wait.namespace(), wait.name(), wait.workflow());
                verdict = wait.evaluate(job, progress, clock.instant());
            } catch (IOException e) {
                verdict = wait.evaluateError(e, progress, clock.instant());
            }
            progress = verdict.next();
            switch (verdict.status()) {
                case SUCCEEDED -> {
                    log.info(verdict.message());
                    return verdict.description();
                }
                case FAILED, TIMED_OUT -> throw new OperationFailedException(verdict.message());
                default -> {
                    if (verdict.logLine() != null) {
                        if (verdict.warning()) {
                            log.warn(verdict.logLine());
                        } else {
                            log.info(verdict.logLine());
                        }
                    }
                }
            }
            long untilDeadline = Duration.between(clock.instant(), progress.deadline()).toMillis();
            Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), untilDeadline)));
        }
    }
}

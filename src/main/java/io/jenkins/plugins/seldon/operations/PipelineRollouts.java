package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Canaries and shadows of Pipelines (Seldon Core v2), through the API's requests on the experiment of the main
 * pipeline. The API's canary and shadow requests name no candidate: the API creates the experiment with the pipeline
 * it finds by its labels, {@value #PIPELINE_LABEL}{@code : <main>} and {@value #EXPERIMENT_LABEL}{@code : canary}
 * (or {@code shadow}). So before a start, the candidate is read and its labels are checked, naming the label that is
 * missing or wrong and the value it needs; and no other pipeline may carry the same labels, since the API would pick
 * one of them.
 *
 * <p>A pipeline has one experiment: a start is refused while another experiment runs on the main pipeline, but for
 * the same canary (then its weight is set) or shadow (then nothing is sent).
 *
 * <p>The Change of a start, weight change or removal is about the Experiment (its name read back when the server shows
 * it, else the main pipeline's); that of a promotion is about the main pipeline, which the promotion rewrites.
 */
public final class PipelineRollouts implements Rollouts {

    /** The label of a candidate pipeline that names its main pipeline. */
    public static final String PIPELINE_LABEL = "seldon.io/pipeline";
    /** The label of a candidate pipeline that says what it is a candidate for: {@code canary} or {@code shadow}. */
    public static final String EXPERIMENT_LABEL = "seldon.io/experiment";
    static final String CANARY = "canary";
    static final String SHADOW = "shadow";

    private static final ResourceKind PIPELINE = ResourceKind.PIPELINE;
    private static final ResourceKind EXPERIMENT = ResourceKind.EXPERIMENT;

    private final SeldonClient client;
    private final LogSink log;
    private final String auditMessage;

    /** @param auditMessage the {@code message} sent with every write ({@link AuditMessages#message}) */
    public PipelineRollouts(SeldonClient client, LogSink log, String auditMessage) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.auditMessage = auditMessage;
    }

    @Override
    public ResourceKind kind() {
        return PIPELINE;
    }

    @Override
    public Change startCanary(String namespace, String main, Candidate candidate, int weight)
            throws IOException, InterruptedException {
        checkWeight(weight);
        checkAddress(namespace, main);
        String name = Names.checkName(PIPELINE, candidate.name());
        checkCandidate(namespace, main, name, CANARY);
        ObjectNode experiment = readExperiment(namespace, main);
        if (experiment != null) {
            TrafficSplit split = split(namespace, main, experiment);
            if (name.equals(split.canary())) {
                log.info(capitalised(subject(namespace, main)) + " already has the canary " + name + " ("
                        + split.describe() + "); setting its weight to " + weight + "%");
                return setCanaryWeight(namespace, main, weight);
            }
            throw oneExperiment(namespace, main, experiment, split);
        }
        WriteAudit audit = audit(Change.Action.CANARY_STARTED);
        client.startCanary(namespace, main, weight, audit);
        return started(Change.Action.CANARY_STARTED, namespace, main, audit,
                new TrafficSplit(PIPELINE, namespace, main, null, main, weights(main, 100 - weight, name, weight),
                        null));
    }

    /**
     * Sets the weights in the experiment ({@code PUT .../experiment}, read-modify-write), not by starting the canary
     * again: the canary request creates the experiment, and the API says nothing of what it does when one exists (at
     * best it would replace it, and the traffic split with it); the experiment update is the documented way to change
     * an experiment, carries its {@code resourceVersion} so that a concurrent change is detected, and changes only the
     * weights: the main pipeline gets {@code 100 - weight}, the canary {@code weight}.
     */
    @Override
    public Change setCanaryWeight(String namespace, String main, int weight) throws IOException, InterruptedException {
        checkWeight(weight);
        checkAddress(namespace, main);
        WriteAudit audit = audit(Change.Action.CANARY_WEIGHT_CHANGED);
        ReadModifyWrite.Result result;
        try {
            result = ReadModifyWrite.run(client, log, EXPERIMENT, namespace, main, audit, (body, current) -> {
                TrafficSplit split = split(namespace, main, current);
                String canary = split.canary();
                if (canary == null) {
                    throw noneToChange(namespace, main, split, "canary", "change the weight of");
                }
                boolean changed = false;
                for (JsonNode c : body.path("spec").path("candidates")) {
                    String name = c.path("name").asText();
                    int wanted = name.equals(split.main()) ? 100 - weight : name.equals(canary) ? weight : -1;
                    if (wanted >= 0 && c.path("weight").asInt(-1) != wanted && c instanceof ObjectNode o) {
                        o.put("weight", wanted);
                        changed = true;
                    }
                }
                return changed ? body : null;
            });
        } catch (NotFoundException e) {
            throw new InvalidInputException(capitalised(subject(namespace, main)) + " has no experiment, so no canary"
                    + " to change the weight of; start a canary first");
        }
        TrafficSplit after = split(namespace, main, result.after());
        Change change = new Change(result.sent() ? Change.Action.CANARY_WEIGHT_CHANGED : Change.Action.UNCHANGED,
                false, EXPERIMENT, namespace, nameOr(result.after(), main), main,
                KubernetesShape.resourceVersion(result.after()), result.sent() ? audit.action() : null,
                result.sent() ? audit.message() : null, result.diff(), after.describe());
        return logged(change);
    }

    @Override
    public Change promoteCanary(String namespace, String main) throws IOException, InterruptedException {
        checkAddress(namespace, main);
        TrafficSplit split = currentExperiment(namespace, main);
        if (split == null || split.canary() == null) {
            throw noneToChange(namespace, main, split, "canary", "promote");
        }
        WriteAudit audit = audit(Change.Action.CANARY_PROMOTED);
        client.promoteCanary(namespace, main, audit);
        return promoted(Change.Action.CANARY_PROMOTED, namespace, main, split.canary(), audit);
    }

    @Override
    public Change removeCanary(String namespace, String main, boolean allowMissing)
            throws IOException, InterruptedException {
        checkAddress(namespace, main);
        TrafficSplit split = currentExperiment(namespace, main);
        if (split == null || split.canary() == null) {
            return nothingToRemove(namespace, main, split, "canary", allowMissing);
        }
        WriteAudit audit = audit(Change.Action.CANARY_REMOVED);
        client.removeCanary(namespace, main, audit);
        return logged(new Change(Change.Action.CANARY_REMOVED, false, EXPERIMENT, namespace, nameOr(split, main), main,
                null, audit.action(), audit.message(), List.of(), split.canary() + " removed; " + main
                        + " serves 100%"));
    }

    @Override
    public Change startShadow(String namespace, String main, Candidate candidate)
            throws IOException, InterruptedException {
        checkAddress(namespace, main);
        String name = Names.checkName(PIPELINE, candidate.name());
        checkCandidate(namespace, main, name, SHADOW);
        ObjectNode experiment = readExperiment(namespace, main);
        if (experiment != null) {
            TrafficSplit split = split(namespace, main, experiment);
            if (name.equals(split.shadow()) && split.canary() == null) {
                return logged(new Change(Change.Action.UNCHANGED, false, EXPERIMENT, namespace, nameOr(split, main),
                        main, KubernetesShape.resourceVersion(experiment), null, null, List.of(), split.describe()));
            }
            throw oneExperiment(namespace, main, experiment, split);
        }
        WriteAudit audit = audit(Change.Action.SHADOW_STARTED);
        client.startShadow(namespace, main, audit);
        return started(Change.Action.SHADOW_STARTED, namespace, main, audit,
                new TrafficSplit(PIPELINE, namespace, main, null, main, Map.of(main, 100), name));
    }

    @Override
    public Change promoteShadow(String namespace, String main) throws IOException, InterruptedException {
        checkAddress(namespace, main);
        TrafficSplit split = currentExperiment(namespace, main);
        if (split == null || split.shadow() == null) {
            throw noneToChange(namespace, main, split, "shadow", "promote");
        }
        WriteAudit audit = audit(Change.Action.SHADOW_PROMOTED);
        client.promoteShadow(namespace, main, audit);
        return promoted(Change.Action.SHADOW_PROMOTED, namespace, main, split.shadow(), audit);
    }

    @Override
    public Change removeShadow(String namespace, String main, boolean allowMissing)
            throws IOException, InterruptedException {
        checkAddress(namespace, main);
        TrafficSplit split = currentExperiment(namespace, main);
        if (split == null || split.shadow() == null) {
            return nothingToRemove(namespace, main, split, "shadow", allowMissing);
        }
        WriteAudit audit = audit(Change.Action.SHADOW_REMOVED);
        client.removeShadow(namespace, main, audit);
        return logged(new Change(Change.Action.SHADOW_REMOVED, false, EXPERIMENT, namespace, nameOr(split, main), main,
                null, audit.action(), audit.message(), List.of(), split.shadow() + " removed; " + main
                        + " serves 100%"));
    }

    @Override
    public TrafficSplit current(String namespace, String main) throws IOException, InterruptedException {
        checkAddress(namespace, main);
        TrafficSplit split = currentExperiment(namespace, main);
        if (split != null) {
            return split;
        }
        client.get(PIPELINE, namespace, main); // a pipeline without experiment, or a NotFoundException
        return new TrafficSplit(PIPELINE, namespace, main, null, main, Map.of(main, 100), null);
    }

    /**
     * Why {@code labels} do not make a pipeline the {@code type} ({@code canary} or {@code shadow}) of {@code main},
     * one sentence per label, naming the value it needs; empty when they do.
     */
    static List<String> labelProblems(JsonNode labels, String main, String type) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> wanted : List.of(Map.entry(PIPELINE_LABEL, main),
                Map.entry(EXPERIMENT_LABEL, type))) {
            JsonNode value = labels.path(wanted.getKey());
            String needs = "; it needs " + wanted.getKey() + ": " + wanted.getValue();
            if (value.isMissingNode() || value.isNull()) {
                problems.add("the label " + wanted.getKey() + " is missing" + needs);
            } else if (!value.isTextual() || !value.asText().equals(wanted.getValue())) {
                problems.add("the label " + wanted.getKey() + " is "
                        + (value.isTextual() ? Names.quote(value.asText()) : value.toString()) + needs);
            }
        }
        return problems;
    }

    /** The experiment's traffic split; see {@link TrafficSplit}. */
    static TrafficSplit split(String namespace, String main, JsonNode experiment) {
        JsonNode spec = experiment.path("spec");
        String defaultPipeline = spec.path("default").isTextual() ? spec.path("default").asText() : main;
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (JsonNode c : spec.path("candidates")) {
            if (c.path("name").asText().equals(defaultPipeline)) {
                weights.put(defaultPipeline, c.path("weight").asInt(0));
            }
        }
        for (JsonNode c : spec.path("candidates")) {
            if (c.path("name").isTextual()) {
                weights.putIfAbsent(c.path("name").asText(), c.path("weight").asInt(0));
            }
        }
        JsonNode mirror = spec.path("mirror").path("name");
        return new TrafficSplit(PIPELINE, namespace, main, KubernetesShape.name(experiment), defaultPipeline, weights,
                mirror.isTextual() ? mirror.asText() : null);
    }

    /** The main pipeline exists, and the candidate is another pipeline that the API will find by its labels. */
    private void checkCandidate(String namespace, String main, String candidate, String type)
            throws IOException, InterruptedException {
        if (candidate.equals(main)) {
            throw new InvalidInputException("The " + type + " of Pipeline " + namespace + "/" + main + " must be"
                    + " another pipeline, not " + main + " itself");
        }
        client.get(PIPELINE, namespace, main);
        ObjectNode pipeline = KubernetesShape.normalize(client.get(PIPELINE, namespace, candidate));
        List<String> problems = labelProblems(pipeline.path("metadata").path("labels"), main, type);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Pipeline " + namespace + "/" + candidate + " cannot be the " + type
                    + " of Pipeline " + main + ": " + String.join("; ", problems) + ". The API finds the " + type
                    + " of a pipeline by these labels; add them to the candidate's manifest and apply it.");
        }
        List<String> others = new ArrayList<>();
        for (JsonNode item : client.list(PIPELINE, namespace)) {
            if (!(item instanceof ObjectNode listed)) {
                continue;
            }
            ObjectNode other = KubernetesShape.normalize(listed.deepCopy());
            String name = KubernetesShape.name(other);
            if (name != null && !name.equals(candidate)
                    && labelProblems(other.path("metadata").path("labels"), main, type).isEmpty()) {
                others.add(name);
            }
        }
        if (!others.isEmpty()) {
            throw new InvalidInputException("Pipeline" + (others.size() == 1 ? " " : "s ") + String.join(", ", others)
                    + " in namespace " + namespace + (others.size() == 1 ? " is" : " are") + " labelled as the "
                    + type + " of " + main + " too (" + PIPELINE_LABEL + ": " + main + ", " + EXPERIMENT_LABEL + ": "
                    + type + "). The API takes the " + type + " from these labels, so only " + candidate + " may"
                    + " carry them; remove them from " + String.join(", ", others) + " first.");
        }
    }

    private Change started(Change.Action action, String namespace, String main, WriteAudit audit,
            TrafficSplit expected) throws IOException, InterruptedException {
        // The API answers nothing useful; read the experiment it created (in a GitOps namespace, not synced yet).
        ObjectNode created = readExperiment(namespace, main);
        TrafficSplit split = created == null ? expected : split(namespace, main, created);
        return logged(new Change(action, false, EXPERIMENT, namespace, nameOr(created, main), main,
                created == null ? null : KubernetesShape.resourceVersion(created), audit.action(), audit.message(),
                List.of(), split.describe()));
    }

    private Change promoted(Change.Action action, String namespace, String main, String candidate, WriteAudit audit)
            throws IOException, InterruptedException {
        ObjectNode pipeline = read(PIPELINE, namespace, main);
        boolean candidateLeft = read(PIPELINE, namespace, candidate) != null;
        return logged(new Change(action, false, PIPELINE, namespace, main, null,
                pipeline == null ? null : KubernetesShape.resourceVersion(pipeline), audit.action(), audit.message(),
                List.of(), candidate + " promoted; " + main + " serves 100% with its spec"
                        + (candidateLeft ? "; Pipeline " + candidate + " still exists" : "")));
    }

    private Change nothingToRemove(String namespace, String main, TrafficSplit split, String type,
            boolean allowMissing) throws InvalidInputException {
        if (!allowMissing) {
            throw noneToChange(namespace, main, split, type, "remove");
        }
        // Without an experiment, the Change is about the main pipeline: there is no Experiment to name.
        return logged(split == null
                ? new Change(Change.Action.UNCHANGED, false, PIPELINE, namespace, main, null, null, null, null,
                        List.of(), "no " + type + " to remove; " + main + " 100%")
                : new Change(Change.Action.UNCHANGED, false, EXPERIMENT, namespace, nameOr(split, main), main, null,
                        null, null, List.of(), "no " + type + " to remove; " + split.describe()));
    }

    private static InvalidInputException noneToChange(String namespace, String main, TrafficSplit split, String type,
            String verb) {
        return new InvalidInputException(capitalised(subject(namespace, main)) + " has no " + type + " to " + verb
                + (split == null ? " (it has no experiment)" : " (its experiment " + split.experiment() + ": "
                        + split.describe() + ")"));
    }

    private static InvalidInputException oneExperiment(String namespace, String main, ObjectNode experiment,
            TrafficSplit split) {
        return new InvalidInputException("Pipeline " + namespace + "/" + main + " already has the experiment '"
                + KubernetesShape.name(experiment) + "' (" + split.describe() + "), and a pipeline has one experiment."
                + " Remove its canary or shadow, or delete the Experiment, first.");
    }

    private TrafficSplit currentExperiment(String namespace, String main) throws IOException, InterruptedException {
        ObjectNode experiment = readExperiment(namespace, main);
        return experiment == null ? null : split(namespace, main, experiment);
    }

    private ObjectNode readExperiment(String namespace, String main) throws IOException, InterruptedException {
        return read(EXPERIMENT, namespace, main);
    }

    private ObjectNode read(ResourceKind kind, String namespace, String name) throws IOException, InterruptedException {
        try {
            return KubernetesShape.normalize(client.get(kind, namespace, name));
        } catch (NotFoundException e) {
            return null;
        }
    }

    private WriteAudit audit(Change.Action action) {
        return new WriteAudit(AuditMessages.action(EXPERIMENT, action), auditMessage);
    }

    private Change logged(Change change) {
        log.info(change.describe());
        for (String line : change.diff()) {
            log.info("  " + line);
        }
        return change;
    }

    static void checkWeight(int weight) throws InvalidInputException {
        if (weight < 0 || weight > 100) {
            throw new InvalidInputException("The canary weight is a percentage of the traffic from 0 to 100, not "
                    + weight);
        }
    }

    private static void checkAddress(String namespace, String main) throws InvalidInputException {
        Names.checkNamespace(namespace);
        Names.checkName(PIPELINE, main);
    }

    private static Map<String, Integer> weights(String main, int mainWeight, String candidate, int weight) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(main, mainWeight);
        weights.put(candidate, weight);
        return weights;
    }

    private static String nameOr(TrafficSplit split, String fallback) {
        return split == null || split.experiment() == null ? fallback : split.experiment();
    }

    private static String nameOr(ObjectNode resource, String fallback) {
        String name = resource == null ? null : KubernetesShape.name(resource);
        return name == null ? fallback : name;
    }

    private static String subject(String namespace, String main) {
        return ResourceOperations.subject(PIPELINE, namespace, main);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

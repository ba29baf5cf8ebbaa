package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Canaries and shadows of SeldonDeployments (Seldon Core v1), which the API has no requests for: a canary or shadow is
 * an extra predictor in {@code spec.predictors}, and the Seldon operator routes the traffic by the predictors'
 * {@code traffic} and mirrors it to the one with {@code shadow: true}. Each operation reads the deployment, rewrites
 * its predictors and sends it back with its {@code resourceVersion}; on a conflict it does so again on a fresh read,
 * once ({@link ReadModifyWrite}).
 *
 * <p>The roles of the predictors, as Seldon's own canary wizard lays them out:
 * <ul>
 *   <li>the <em>main</em> predictor is the first one that is not a shadow;</li>
 *   <li>a <em>canary</em> is any other predictor that is not a shadow; these operations manage one at a time and
 *       refuse a deployment that splits its traffic between more (an A/B test written by hand);</li>
 *   <li>the <em>shadow</em> is the predictor with {@code shadow: true} (Seldon mirrors to one).</li>
 * </ul>
 * The traffic of the predictors that are not shadows must sum to 100 (Seldon refuses the deployment otherwise): the
 * canary gets {@code weight} and the main predictor the rest, {@code 100 - weight}; a shadow's traffic is not counted
 * and not set. Removing the canary gives the main predictor 100 again.
 *
 * <p>A promotion makes the candidate the only predictor that serves, with traffic 100, <strong>under its own
 * name</strong>: the main predictor is removed. Renaming the candidate to the main predictor's name would make the
 * operator replace the candidate's Kubernetes Deployments (they are named after the predictor) by new ones, so the pods
 * that were just tested would not be the ones that serve; keeping the name makes the promotion a switch of traffic to
 * running pods. The price is that predictor names follow the versions (e.g. {@code iris-v2}, then {@code iris-v3}).
 * Shadows stay through a canary's promotion.
 */
public final class DeploymentRollouts implements Rollouts {

    private static final ResourceKind SELDON_DEPLOYMENT = ResourceKind.SELDON_DEPLOYMENT;
    private static final Note WEIGHTS = DeploymentRollouts::weightNote;
    private static final Note PROMOTION = DeploymentRollouts::promotionNote;

    private final SeldonClient client;
    private final LogSink log;
    private final String auditMessage;

    /** @param auditMessage the {@code message} sent with every write ({@link AuditMessages#message}) */
    public DeploymentRollouts(SeldonClient client, LogSink log, String auditMessage) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.auditMessage = auditMessage;
    }

    @Override
    public ResourceKind kind() {
        return SELDON_DEPLOYMENT;
    }

    /** Adds (or, when it runs already, rewrites) the candidate predictor with {@code traffic: weight}. */
    @Override
    public Change startCanary(String namespace, String name, Candidate candidate, int weight)
            throws IOException, InterruptedException {
        PipelineRollouts.checkWeight(weight);
        checkAddress(namespace, name);
        ObjectNode given = predictorOf(candidate, "canary");
        String canary = given.path("name").asText();
        return write(Change.Action.CANARY_STARTED, namespace, name, WEIGHTS, (body, current) -> {
            Predictors p = Predictors.of(body, namespace, name);
            p.checkNotMain(canary, "canary");
            ObjectNode existing = p.byName(canary);
            if (existing != null && isShadow(existing)) {
                throw new InvalidInputException(p.subject + ": the predictor " + canary + " is its shadow; remove the"
                        + " shadow first, or give the canary another name");
            }
            for (ObjectNode other : p.canaries) {
                if (!predictorName(other).equals(canary)) {
                    throw new InvalidInputException(p.subject + " already has the canary " + predictorName(other) + " ("
                            + p.split().describe() + "); promote or remove it first");
                }
            }
            ObjectNode predictor = given.deepCopy();
            predictor.remove("shadow");
            predictor.put("traffic", weight);
            p.put(existing, predictor);
            p.main.put("traffic", 100 - weight);
            return unchanged(body, current) ? null : body;
        });
    }

    @Override
    public Change setCanaryWeight(String namespace, String name, int weight) throws IOException, InterruptedException {
        PipelineRollouts.checkWeight(weight);
        checkAddress(namespace, name);
        return write(Change.Action.CANARY_WEIGHT_CHANGED, namespace, name, WEIGHTS, (body, current) -> {
            Predictors p = Predictors.of(body, namespace, name);
            p.onlyCanary("change the weight of").put("traffic", weight);
            p.main.put("traffic", 100 - weight);
            return unchanged(body, current) ? null : body;
        });
    }

    /** The canary becomes the only predictor that serves, with traffic 100 and its own name; see the class comment. */
    @Override
    public Change promoteCanary(String namespace, String name) throws IOException, InterruptedException {
        checkAddress(namespace, name);
        return write(Change.Action.CANARY_PROMOTED, namespace, name, PROMOTION, (body, current) -> {
            Predictors p = Predictors.of(body, namespace, name);
            p.onlyCanary("promote").put("traffic", 100);
            p.remove(p.main);
            return body;
        });
    }

    @Override
    public Change removeCanary(String namespace, String name, boolean allowMissing)
            throws IOException, InterruptedException {
        checkAddress(namespace, name);
        return write(Change.Action.CANARY_REMOVED, namespace, name, null, (body, current) -> {
            Predictors p = Predictors.of(body, namespace, name);
            if (p.canaries.isEmpty() && allowMissing) {
                log.info(p.subject + " has no canary; nothing to remove");
                return null;
            }
            ObjectNode canary = p.onlyCanary("remove");
            p.remove(canary);
            p.main.put("traffic", 100);
            return body;
        });
    }

    /** Adds (or rewrites) the candidate predictor with {@code shadow: true} and no traffic. */
    @Override
    public Change startShadow(String namespace, String name, Candidate candidate)
            throws IOException, InterruptedException {
        checkAddress(namespace, name);
        ObjectNode given = predictorOf(candidate, "shadow");
        String shadow = given.path("name").asText();
        return write(Change.Action.SHADOW_STARTED, namespace, name, null, (body, current) -> {
            Predictors p = Predictors.of(body, namespace, name);
            p.checkNotMain(shadow, "shadow");
            ObjectNode existing = p.byName(shadow);
            if (existing != null && !isShadow(existing)) {
                throw new InvalidInputException(p.subject + ": the predictor " + shadow + " serves traffic ("
                        + p.split().describe() + "); remove it first, or give the shadow another name");
            }
            if (p.shadow != null && existing == null) {
                throw new InvalidInputException(p.subject + " already has the shadow " + predictorName(p.shadow)
                        + " (Seldon mirrors the traffic to one shadow); promote or remove it first");
            }
            ObjectNode predictor = given.deepCopy();
            predictor.remove("traffic");
            predictor.put("shadow", true);
            p.put(existing, predictor);
            return unchanged(body, current) ? null : body;
        });
    }

    /** The shadow becomes the only predictor that serves, with traffic 100 and its own name. */
    @Override
    public Change promoteShadow(String namespace, String name) throws IOException, InterruptedException {
        checkAddress(namespace, name);
        return write(Change.Action.SHADOW_PROMOTED, namespace, name, PROMOTION, (body, current) -> {
            Predictors p = Predictors.of(body, namespace, name);
            if (p.shadow == null) {
                throw new InvalidInputException(p.subject + " has no shadow to promote (" + p.split().describe() + ")");
            }
            if (!p.canaries.isEmpty()) {
                throw new InvalidInputException(p.subject + " has a canary besides the shadow (" + p.split().describe()
                        + "); promote or remove the canary first");
            }
            p.shadow.remove("shadow");
            p.shadow.put("traffic", 100);
            p.remove(p.main);
            return body;
        });
    }

    @Override
    public Change removeShadow(String namespace, String name, boolean allowMissing)
            throws IOException, InterruptedException {
        checkAddress(namespace, name);
        return write(Change.Action.SHADOW_REMOVED, namespace, name, null, (body, current) -> {
            Predictors p = Predictors.of(body, namespace, name);
            if (p.shadow == null) {
                if (allowMissing) {
                    log.info(p.subject + " has no shadow; nothing to remove");
                    return null;
                }
                throw new InvalidInputException(p.subject + " has no shadow to remove (" + p.split().describe() + ")");
            }
            p.remove(p.shadow);
            return body;
        });
    }

    @Override
    public TrafficSplit current(String namespace, String name) throws IOException, InterruptedException {
        checkAddress(namespace, name);
        return split(namespace, name, KubernetesShape.normalize(client.get(SELDON_DEPLOYMENT, namespace, name)));
    }

    /** The deployment's traffic split; see {@link TrafficSplit}. */
    static TrafficSplit split(String namespace, String name, JsonNode deployment) {
        String main = null;
        String shadow = null;
        List<JsonNode> serving = new ArrayList<>();
        for (JsonNode p : deployment.path("spec").path("predictors")) {
            if (isShadow(p)) {
                shadow = shadow == null ? predictorName(p) : shadow;
            } else {
                main = main == null ? predictorName(p) : main;
                serving.add(p);
            }
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (JsonNode p : serving) {
            // One predictor gets all traffic, whatever its traffic field says (Seldon's default leaves it out).
            weights.put(predictorName(p), serving.size() == 1 ? 100 : p.path("traffic").asInt(0));
        }
        return new TrafficSplit(SELDON_DEPLOYMENT, namespace, name, null, main, weights, shadow);
    }

    /** What the log says about a change of the traffic split, besides the change itself; may be {@code null}. */
    @FunctionalInterface
    private interface Note {
        String explain(TrafficSplit before, TrafficSplit after);
    }

    private Change write(Change.Action action, String namespace, String name, Note note, ReadModifyWrite.Edit edit)
            throws IOException, InterruptedException {
        WriteAudit audit = new WriteAudit(AuditMessages.action(SELDON_DEPLOYMENT, action), auditMessage);
        ReadModifyWrite.Result result = ReadModifyWrite.run(client, log, SELDON_DEPLOYMENT, namespace, name, audit,
                edit);
        TrafficSplit after = split(namespace, name, result.after());
        Change change = new Change(result.sent() ? action : Change.Action.UNCHANGED, false, SELDON_DEPLOYMENT,
                namespace, name, null, KubernetesShape.resourceVersion(result.after()),
                result.sent() ? audit.action() : null, result.sent() ? audit.message() : null, result.diff(),
                after.describe());
        log.info(change.describe());
        for (String line : change.diff()) {
            log.info("  " + line);
        }
        String explained = note == null || !result.sent() ? null
                : note.explain(split(namespace, name, result.before()), after);
        if (explained != null) {
            log.info(explained);
        }
        return change;
    }

    /** How a canary's weight splits the traffic. */
    private static String weightNote(TrafficSplit before, TrafficSplit after) {
        String canary = after.canary();
        return canary == null ? null : "Traffic split: the canary " + canary + " gets " + after.percent(canary)
                + "%, the main predictor " + after.main() + " the other " + after.percent(after.main()) + "% (the"
                + " traffic of the predictors that are not shadows must sum to 100)";
    }

    /** Which predictor serves after a promotion, and which went. */
    private static String promotionNote(TrafficSplit before, TrafficSplit after) {
        return "Predictor " + after.main() + " keeps its name and serves 100%; the main predictor " + before.main()
                + " was removed";
    }

    private static ObjectNode predictorOf(Candidate candidate, String role) throws InvalidInputException {
        if (candidate.predictor() == null) {
            throw new InvalidInputException("A " + role + " of a SeldonDeployment is a predictor: give the candidate's"
                    + " predictor spec or SeldonDeployment manifest");
        }
        ObjectNode predictor = candidate.predictor().deepCopy();
        predictor.put("name", Names.checkPredictorName(candidate.name()));
        if (!predictor.path("graph").isObject()) {
            throw new InvalidInputException("The " + role + " predictor " + candidate.name() + " has no graph (the"
                    + " model it serves)");
        }
        return predictor;
    }

    private static boolean unchanged(ObjectNode body, ObjectNode current) {
        return body.path("spec").equals(current.path("spec"));
    }

    private static boolean isShadow(JsonNode predictor) {
        return predictor.path("shadow").asBoolean(false);
    }

    private static String predictorName(JsonNode predictor) {
        return predictor.path("name").asText();
    }

    private static void checkAddress(String namespace, String name) throws InvalidInputException {
        Names.checkNamespace(namespace);
        Names.checkName(SELDON_DEPLOYMENT, name);
    }

    /** The predictors of a deployment being edited, by role; see the class comment. */
    private static final class Predictors {
        final String subject;
        final ArrayNode list;
        final ObjectNode main;
        final List<ObjectNode> canaries = new ArrayList<>();
        final ObjectNode shadow;
        private final String namespace;
        private final String name;

        private Predictors(String namespace, String name, ArrayNode list) throws InvalidInputException {
            this.namespace = namespace;
            this.name = name;
            this.subject = "SeldonDeployment " + namespace + "/" + name;
            this.list = list;
            ObjectNode first = null;
            ObjectNode mirror = null;
            for (JsonNode p : list) {
                if (!(p instanceof ObjectNode predictor)) {
                    throw new InvalidInputException(subject + " has a predictor that is not a mapping");
                }
                if (isShadow(predictor)) {
                    mirror = mirror == null ? predictor : mirror;
                } else if (first == null) {
                    first = predictor;
                } else {
                    canaries.add(predictor);
                }
            }
            if (first == null) {
                throw new InvalidInputException(subject + " has no predictor that serves traffic");
            }
            this.main = first;
            this.shadow = mirror;
        }

        static Predictors of(ObjectNode deployment, String namespace, String name) throws InvalidInputException {
            JsonNode list = deployment.path("spec").path("predictors");
            if (!(list instanceof ArrayNode predictors)) {
                throw new InvalidInputException("SeldonDeployment " + namespace + "/" + name + " has no predictors");
            }
            return new Predictors(namespace, name, predictors);
        }

        TrafficSplit split() {
            ObjectNode deployment = list.objectNode();
            deployment.putObject("spec").set("predictors", list);
            return DeploymentRollouts.split(namespace, name, deployment);
        }

        ObjectNode byName(String predictor) {
            for (JsonNode p : list) {
                if (predictorName(p).equals(predictor)) {
                    return (ObjectNode) p;
                }
            }
            return null;
        }

        void checkNotMain(String candidate, String role) throws InvalidInputException {
            if (candidate.equals(predictorName(main))) {
                throw new InvalidInputException("The " + role + " predictor is named " + candidate + ", like the main"
                        + " predictor of " + subject + "; give the " + role + " another name");
            }
        }

        /** The one canary, for {@code verb}; refuses a deployment without canary or with several. */
        ObjectNode onlyCanary(String verb) throws InvalidInputException {
            if (canaries.size() != 1) {
                throw new InvalidInputException(subject + (canaries.isEmpty() ? " has no canary to " + verb
                        : " splits its traffic between " + (canaries.size() + 1) + " predictors, not a main one and a"
                                + " canary; edit its manifest instead") + " (" + split().describe() + ")");
            }
            return canaries.get(0);
        }

        /** Replaces {@code existing} by {@code predictor}, or appends it when {@code existing} is null. */
        void put(ObjectNode existing, ObjectNode predictor) {
            if (existing == null) {
                list.add(predictor);
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == existing) {
                    list.set(i, predictor);
                    return;
                }
            }
        }

        void remove(ObjectNode predictor) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == predictor) {
                    list.remove(i);
                    return;
                }
            }
        }
    }
}

package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.Endpoint;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * List, read, apply (create or update) and delete resources of every kind: the one implementation behind the
 * Pipeline steps and the freestyle build steps. Inputs are validated before any request (names: {@link Names};
 * manifests: {@link Manifests#validate}); each call logs what it did (never a secret); each write sends a
 * {@link WriteAudit} with the action ({@link AuditMessages#action}) and the message given here, which Seldon records in
 * its GitOps commit (the API takes none when an experiment is deleted).
 *
 * <p>A kind has only the operations the API has (see {@link #supports}): there is no list of all Models, only of those
 * of a pipeline ({@link #pipelineModels}), and no list of Experiments. An Experiment is read and deleted by the name of
 * its main pipeline, as the API addresses it.
 *
 * <p>Answers are returned in the shape of Kubernetes resources, with {@code metadata}, whichever shape the server
 * sends ({@link KubernetesShape}).
 *
 * <p>Holds no state between calls; create one per build step with that step's log and audit message.
 */
public final class ResourceOperations {

    /** Fields the server owns; sending them back is at best ignored and at worst refused. */
    private static final List<String> SERVER_METADATA = List.of(
            "uid", "managedFields", "creationTimestamp", "generation", "selfLink", "deletionTimestamp",
            "deletionGracePeriodSeconds");

    /** How many items of a list, received whole, make it large enough for a warning. */
    public static final int LARGE_LIST_ITEMS = 1000;
    /** How many bytes of a list, received whole, make it large enough for a warning: 4 MiB. */
    public static final long LARGE_LIST_BYTES = 4L * 1024 * 1024;

    private final SeldonClient client;
    private final LogSink log;
    private final Clock clock;
    private final String auditMessage;

    /**
     * @param auditMessage the {@code message} sent with every write, usually from
     *     {@link AuditMessages#message(String, String, int, String)}
     */
    public ResourceOperations(SeldonClient client, LogSink log, Clock clock, String auditMessage) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditMessage = auditMessage;
    }

    /** Whether the API has {@code verb} for {@code kind}: the Jenkins steps exist for these only. */
    public static boolean supports(ResourceKind kind, Endpoint.Verb verb) {
        return Endpoint.of(kind, verb).isPresent();
    }

    /**
     * All resources of a kind in a namespace as plain values, or what {@code projection} keeps of them, read straight
     * from the answer (never as a tree), in the shape of Kubernetes resources. A list received whole (no fields, no
     * names only) of more than {@value #LARGE_LIST_ITEMS} items or {@value #LARGE_LIST_BYTES} bytes logs a warning
     * that names the projection options, in the words of the screen.
     *
     * @param labels how the screen names the options {@code fields}, {@code namesOnly} and {@code labelSelector}
     *     ({@code null} when it has no such option)
     * @throws InvalidInputException for an invalid namespace, or a kind the API cannot list (Model, Experiment)
     */
    public List<Object> list(ResourceKind kind, String namespace, ListProjection projection,
            UnaryOperator<String> labels) throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        if (!supports(kind, Endpoint.Verb.LIST)) {
            throw new InvalidInputException(kind == ResourceKind.MODEL
                    ? "The Seldon API cannot list all Models of a namespace; list the Models of a pipeline instead"
                    : "The Seldon API has no list of Experiments; read the experiment of a pipeline instead");
        }
        SeldonClient.Listed<List<Object>> listed = client.list(kind, namespace, projection::collector);
        log.info("Found " + count(listed.received(), kind.kind()) + " in namespace " + namespace
                + kept(listed, projection));
        warnIfLarge(listed, projection, kind.kind() + "s in namespace " + namespace, labels);
        return listed.items();
    }

    /**
     * The Models a pipeline uses (the only list of Models the API has) as plain values, or what {@code projection}
     * keeps of them; as {@link #list}.
     *
     * @throws NotFoundException when the pipeline does not exist
     */
    public List<Object> pipelineModels(String namespace, String pipeline, ListProjection projection,
            UnaryOperator<String> labels) throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        Names.checkName(ResourceKind.PIPELINE, pipeline);
        SeldonClient.Listed<List<Object>> listed = client.pipelineModels(namespace, pipeline, projection::collector);
        log.info("Pipeline " + namespace + "/" + pipeline + " uses " + count(listed.received(), "Model")
                + kept(listed, projection));
        warnIfLarge(listed, projection, "Models of pipeline " + namespace + "/" + pipeline, labels);
        return listed.items();
    }

    /** {@code ; 3 selected by app=iris}: what a selector kept, when there is one. */
    private static String kept(SeldonClient.Listed<List<Object>> listed, ListProjection projection) {
        return projection.selector() == null ? ""
                : "; " + listed.items().size() + " selected by " + projection.selector();
    }

    /**
     * Warns about a large list kept whole: the controller holds it in memory and a Pipeline saves what a step returns
     * with the program's state at each checkpoint.
     */
    private void warnIfLarge(SeldonClient.Listed<List<Object>> listed, ListProjection projection, String what,
            UnaryOperator<String> labels) {
        if (projection.reduces() || (listed.received() <= LARGE_LIST_ITEMS && listed.bytes() <= LARGE_LIST_BYTES)) {
            return;
        }
        List<String> options = new ArrayList<>();
        for (String field : List.of("fields", "namesOnly", "labelSelector")) {
            String label = labels.apply(field);
            if (label != null) {
                options.add(label);
            }
        }
        log.warn("The list of " + what + " is large: " + count(listed.received(), "item") + ", "
                + String.format(java.util.Locale.ROOT, "%.1f", listed.bytes() / 1048576.0) + " MiB. All of it is "
                + "kept in the controller's memory, and a Pipeline saves what a step returns with its state at each "
                + "checkpoint. Keep only what is needed with " + String.join(", ", options)
                + " (e.g. the fields metadata.name and status.state keep about 100 bytes of each item).");
    }

    /**
     * One resource.
     *
     * @param name for an Experiment, the name of its main pipeline
     * @return the resource, or {@code null} when it does not exist and {@code allowMissing} is set
     * @throws NotFoundException when it does not exist and {@code allowMissing} is not set
     */
    public ObjectNode get(ResourceKind kind, String namespace, String name, boolean allowMissing)
            throws IOException, InterruptedException {
        checkAddress(kind, namespace, name);
        ObjectNode resource;
        try {
            resource = KubernetesShape.normalize(client.get(kind, namespace, name));
        } catch (NotFoundException e) {
            if (!allowMissing) {
                throw e;
            }
            String subject = subject(kind, namespace, name);
            log.info(Character.toUpperCase(subject.charAt(0)) + subject.substring(1) + " does not exist");
            return null;
        }
        log.info("Read " + subject(kind, namespace, name) + describeState(kind, resource));
        return resource;
    }

    /**
     * Applies every document, in order, after checking all of them: when any document is invalid
     * ({@link Manifests#validate}), names a resource another document names too, or needs a newer server release,
     * nothing is sent. For each document the resource is read afresh:
     * <ul>
     *   <li>absent: it is created from the manifest (without {@code status} and server-owned metadata, with
     *       {@code metadata.namespace} set);</li>
     *   <li>present: <strong>the update replaces the spec</strong>. The server's copy is sent back with its
     *       {@code spec} replaced by the manifest's, the manifest's labels and annotations added to (or overwriting)
     *       the server's, its {@code metadata.resourceVersion} kept (so a concurrent change is detected) and
     *       {@code status} and server-owned metadata removed. Fields the manifest leaves out of {@code spec} are
     *       therefore removed, whatever set them; labels and annotations that only the server has are kept, because
     *       Seldon and other tools add their own;</li>
     *   <li>present and the same in spec, labels and annotations: {@link Change.Action#UNCHANGED}, and nothing is
     *       sent, so a GitOps namespace gets no empty commit. (A server that fills in defaults in {@code spec} makes
     *       every apply an update.)</li>
     * </ul>
     * Each update logs what it changes ({@link SpecDiff}). If a write conflicts (409: changed or created by someone
     * else since the read), the resource is read again and the write retried once; a second conflict is thrown.
     *
     * <p>An Experiment is written through its main pipeline; when that pipeline already has an experiment of another
     * name, the apply stops there (a pipeline has one experiment).
     *
     * @param namespace the target namespace, or {@code null} to take each document's {@code metadata.namespace}
     * @param dryRun read and compare only: the results say what would be done, and nothing is written
     * @return one result per document, in order
     * @throws InvalidInputException before any request, for the reasons above
     * @throws PartialApplyException when a document fails after earlier ones were applied; it lists those
     */
    public List<ApplyResult> apply(String namespace, List<Manifests.Document> documents, boolean dryRun)
            throws IOException, InterruptedException {
        List<Manifests.ValidManifest> valid = validateAll(namespace, documents);
        Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
        for (Manifests.ValidManifest m : valid) {
            if (kinds.add(m.kind())) {
                client.checkSupported(Endpoint.of(m.kind(), Endpoint.Verb.READ).orElseThrow());
            }
        }
        List<ApplyResult> results = new ArrayList<>();
        for (Manifests.ValidManifest m : valid) {
            try {
                results.add(applyOne(m, dryRun));
            } catch (IOException e) {
                if (results.isEmpty()) {
                    throw e;
                }
                throw new PartialApplyException(m.source(), results, e);
            }
        }
        return results;
    }

    /** Every document's problem at once, so that a multi-document file is fixed in one go. */
    private static List<Manifests.ValidManifest> validateAll(String namespace, List<Manifests.Document> documents)
            throws InvalidInputException {
        if (documents.isEmpty()) {
            throw new InvalidInputException("There is nothing to apply: no documents were given");
        }
        List<Manifests.ValidManifest> valid = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Manifests.Document d : documents) {
            try {
                Manifests.ValidManifest m = Manifests.validate(d.manifest(), namespace, d.source());
                String first = seen.putIfAbsent(m.kind() + "/" + m.namespace() + "/" + m.address(), d.source());
                if (first != null) {
                    problems.add(d.source() + ": " + subject(m) + " is also in " + first + "; apply each resource"
                            + " once");
                }
                valid.add(m);
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (problems.size() == 1 && documents.size() == 1) {
            throw new InvalidInputException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Nothing was applied: " + count(problems.size(), "document")
                    + " of " + documents.size() + " cannot be used:\n  " + String.join("\n  ", problems));
        }
        return valid;
    }

    private ApplyResult applyOne(Manifests.ValidManifest m, boolean dryRun) throws IOException, InterruptedException {
        String subject = subject(m);
        for (int attempt = 1; ; attempt++) {
            ObjectNode current = read(m.kind(), m.namespace(), m.address());
            if (current != null && m.kind() == ResourceKind.EXPERIMENT) {
                checkSameExperiment(current, m);
            }
            try {
                return current == null ? create(m, dryRun) : update(m, current, dryRun);
            } catch (ConflictException e) {
                if (attempt > 1) {
                    if (current == null) {
                        // Invisible to reads yet "already exists" to creates: a GitOps create not synced yet.
                        log.warn(subject + " cannot be read but already exists; in a GitOps namespace an earlier"
                                + " create may not be synced yet: try again after the sync");
                    }
                    throw e;
                }
                log.warn(subject + " changed while it was being " + (current == null ? "created" : "updated")
                        + " (409 Conflict); reading it again and retrying once");
            }
        }
    }

    private ApplyResult create(Manifests.ValidManifest m, boolean dryRun) throws IOException, InterruptedException {
        ObjectNode body = createBody(m.manifest(), m.namespace());
        WriteAudit audit = audit(m.kind(), Change.Action.CREATED);
        if (dryRun) {
            Change change = change(Change.Action.CREATED, true, m, null, audit, List.of());
            log.info(change.describe());
            return new ApplyResult(change, body, null);
        }
        ObjectNode created = KubernetesShape.normalize(client.create(m.kind(), m.namespace(), body, audit));
        Change change = change(Change.Action.CREATED, false, m, KubernetesShape.resourceVersion(created), audit,
                List.of());
        log.info(change.describe());
        return new ApplyResult(change, created, new LastWrite(LastWrite.Kind.CREATED, clock.instant()));
    }

    private ApplyResult update(Manifests.ValidManifest m, ObjectNode current, boolean dryRun)
            throws IOException, InterruptedException {
        ObjectNode body = updateBody(current, m.manifest());
        List<String> diff = SpecDiff.lines(current, body);
        if (diff.isEmpty()) {
            Change change = change(Change.Action.UNCHANGED, dryRun, m, KubernetesShape.resourceVersion(current), null,
                    List.of());
            log.info(change.describe());
            return new ApplyResult(change, current, null);
        }
        WriteAudit audit = audit(m.kind(), Change.Action.UPDATED);
        if (dryRun) {
            Change change = change(Change.Action.UPDATED, true, m, KubernetesShape.resourceVersion(current), audit,
                    diff);
            logWithDiff(change.describe() + ":", diff);
            return new ApplyResult(change, body, null);
        }
        ObjectNode updated = KubernetesShape.normalize(client.update(m.kind(), m.namespace(), m.address(), body,
                audit));
        Change change = change(Change.Action.UPDATED, false, m, KubernetesShape.resourceVersion(updated), audit, diff);
        logWithDiff(change.describe() + " (spec replaced):", diff);
        return new ApplyResult(change, updated, new LastWrite(LastWrite.Kind.UPDATED, clock.instant()));
    }

    private void logWithDiff(String headline, List<String> diff) {
        log.info(headline);
        for (String line : diff) {
            log.info("  " + line);
        }
    }

    /** A pipeline has one experiment: replacing it by another of a different name is not an update. */
    private static void checkSameExperiment(ObjectNode current, Manifests.ValidManifest m)
            throws InvalidInputException {
        String existing = KubernetesShape.name(current);
        if (existing != null && !existing.equals(m.name())) {
            throw new InvalidInputException(m.source() + ": Pipeline " + m.namespace() + "/" + m.address()
                    + " already has the experiment '" + existing + "', and a pipeline has one experiment. Delete '"
                    + existing + "' first, or apply this manifest under that name.");
        }
    }

    /**
     * Deletes a resource.
     *
     * @param name for an Experiment, the name of its main pipeline (the experiment is read first, to learn its own
     *     name; the API takes no audit metadata for this delete)
     * @return {@link Change.Action#DELETED}, or {@link Change.Action#NOT_FOUND} when it did not exist and
     *     {@code allowMissing} is set
     * @throws NotFoundException when it does not exist and {@code allowMissing} is not set
     */
    public Change delete(ResourceKind kind, String namespace, String name, boolean allowMissing)
            throws IOException, InterruptedException {
        checkAddress(kind, namespace, name);
        String ownName = name;
        if (kind == ResourceKind.EXPERIMENT) {
            ObjectNode current = read(kind, namespace, name);
            String read = current == null ? null : KubernetesShape.name(current);
            ownName = read == null ? name : read;
        }
        String pipeline = kind == ResourceKind.EXPERIMENT ? name : null;
        Endpoint endpoint = Endpoint.of(kind, Endpoint.Verb.DELETE).orElseThrow();
        WriteAudit audit = endpoint.takesAudit() ? audit(kind, Change.Action.DELETED) : null;
        Change change;
        try {
            client.delete(kind, namespace, name, audit);
            change = new Change(Change.Action.DELETED, false, kind, namespace, ownName, pipeline, null,
                    audit == null ? null : audit.action(), audit == null ? null : audit.message(), List.of(), null);
        } catch (NotFoundException e) {
            if (!allowMissing) {
                throw e;
            }
            change = new Change(Change.Action.NOT_FOUND, false, kind, namespace, ownName, pipeline, null, null, null,
                    List.of(), null);
        }
        log.info(change.describe());
        return change;
    }

    /** The resource, normalized, or {@code null} when the API says it does not exist. */
    private ObjectNode read(ResourceKind kind, String namespace, String name) throws IOException, InterruptedException {
        try {
            return KubernetesShape.normalize(client.get(kind, namespace, name));
        } catch (NotFoundException e) {
            return null;
        }
    }

    private WriteAudit audit(ResourceKind kind, Change.Action action) {
        return new WriteAudit(AuditMessages.action(kind, action), auditMessage);
    }

    private static Change change(Change.Action action, boolean dryRun, Manifests.ValidManifest m,
            String resourceVersion, WriteAudit audit, List<String> diff) {
        return new Change(action, dryRun, m.kind(), m.namespace(), m.name(),
                m.kind() == ResourceKind.EXPERIMENT ? m.address() : null, resourceVersion,
                audit == null ? null : audit.action(), audit == null ? null : audit.message(), diff, null);
    }

    private static void checkAddress(ResourceKind kind, String namespace, String name) throws InvalidInputException {
        Names.checkNamespace(namespace);
        // An experiment is addressed by its main pipeline.
        Names.checkName(kind == ResourceKind.EXPERIMENT ? ResourceKind.PIPELINE : kind, name);
    }

    /** The manifest as sent by a create: no status or server-owned metadata, in the target namespace. */
    static ObjectNode createBody(ObjectNode manifest, String namespace) {
        ObjectNode body = manifest.deepCopy();
        body.remove("status");
        ObjectNode metadata = (ObjectNode) body.get("metadata");
        metadata.remove(SERVER_METADATA);
        metadata.remove("resourceVersion");
        metadata.put("namespace", namespace);
        return body;
    }

    /** The server's copy with the manifest's spec, labels and annotations; see {@link #apply}. */
    static ObjectNode updateBody(ObjectNode current, ObjectNode manifest) {
        ObjectNode body = writableCopy(current);
        ObjectNode metadata = (ObjectNode) body.get("metadata");
        JsonNode manifestMetadata = manifest.path("metadata");
        for (String field : List.of("labels", "annotations")) {
            JsonNode given = manifestMetadata.get(field);
            if (given instanceof ObjectNode entries && !entries.isEmpty()) {
                JsonNode existing = metadata.get(field);
                ObjectNode merged = existing instanceof ObjectNode object ? object : metadata.putObject(field);
                for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    merged.set(entry.getKey(), entry.getValue().deepCopy());
                }
            }
        }
        body.set("spec", manifest.get("spec").deepCopy());
        return body;
    }

    /**
     * The server's copy as an update sends it back: without {@code status} and server-owned metadata, with its
     * {@code metadata.resourceVersion} (so that a concurrent change is detected).
     */
    static ObjectNode writableCopy(ObjectNode current) {
        ObjectNode body = current.deepCopy();
        body.remove("status");
        JsonNode currentMetadata = body.get("metadata");
        ObjectNode metadata = currentMetadata instanceof ObjectNode object ? object : body.putObject("metadata");
        metadata.remove(SERVER_METADATA);
        return body;
    }

    /** {@code (Available)} for a SeldonDeployment, {@code (Ready)} or {@code (not Ready)} for Core v2. */
    private static String describeState(ResourceKind kind, JsonNode resource) {
        if (kind == ResourceKind.SELDON_DEPLOYMENT) {
            String state = resource.path("status").path("state").asText("");
            return state.isEmpty() ? "" : " (" + state + ")";
        }
        for (JsonNode condition : resource.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True") ? " (Ready)" : " (not Ready)";
            }
        }
        return "";
    }

    static String subject(ResourceKind kind, String namespace, String name) {
        return kind == ResourceKind.EXPERIMENT ? "the experiment of Pipeline " + namespace + "/" + name
                : kind.kind() + " " + namespace + "/" + name;
    }

    private static String subject(Manifests.ValidManifest m) {
        return m.kind() == ResourceKind.EXPERIMENT
                ? "Experiment " + m.namespace() + "/" + m.name() + " (of Pipeline " + m.address() + ")"
                : m.kind().kind() + " " + m.namespace() + "/" + m.name();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * What {@link #apply} did with one document.
     *
     * @param change what happened (or would happen, in a dry run)
     * @param resource the resource as the server returned it after the write; as read, when unchanged; in a dry run,
     *     what would be sent
     * @param write the write, for a following wait ({@link Readiness#start}); {@code null} when nothing was written.
     *     Serialisable, so the Jenkins layer can keep it with the build for a later wait step
     */
    public record ApplyResult(Change change, ObjectNode resource, LastWrite write) {}
}

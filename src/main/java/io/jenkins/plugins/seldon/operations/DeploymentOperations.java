package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * List, read, create-or-update and delete SeldonDeployments: the one implementation behind the Pipeline steps and the
 * freestyle build steps. Names and manifests are validated before any request; each call logs one line (never a
 * secret); each write sends a {@link WriteAudit} with a fixed action ({@link AuditMessages}) and the message given
 * here, which Seldon records in its GitOps commit.
 *
 * <p>Holds no state between calls; create one per build step with that step's log and audit message.
 */
public final class DeploymentOperations {

    private static final ResourceKind KIND = ResourceKind.SELDON_DEPLOYMENT;
    /** Fields the server owns; sending them back is at best ignored and at worst refused. */
    private static final List<String> SERVER_METADATA = List.of(
            "uid", "managedFields", "creationTimestamp", "generation", "selfLink", "deletionTimestamp",
            "deletionGracePeriodSeconds");

    private final SeldonClient client;
    private final LogSink log;
    private final Clock clock;
    private final String auditMessage;

    /**
     * @param auditMessage the {@code message} sent with every write, usually from
     *     {@link AuditMessages#message(String, String, int, String)}
     */
    public DeploymentOperations(SeldonClient client, LogSink log, Clock clock, String auditMessage) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditMessage = auditMessage;
    }

    /** All SeldonDeployments in a namespace, as the API returns them. */
    public ArrayNode list(String namespace) throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        ArrayNode items = client.list(KIND, namespace);
        log.info("Found " + items.size() + " SeldonDeployment" + (items.size() == 1 ? "" : "s") + " in namespace "
                + namespace);
        return items;
    }

    /**
     * One SeldonDeployment.
     *
     * @return the resource, or {@code null} when it does not exist and {@code allowMissing} is set
     * @throws NotFoundException when it does not exist and {@code allowMissing} is not set
     */
    public ObjectNode get(String namespace, String name, boolean allowMissing) throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        Names.checkName(name);
        try {
            ObjectNode resource = client.get(KIND, namespace, name);
            log.info("Read SeldonDeployment " + namespace + "/" + name + describeState(resource));
            return resource;
        } catch (NotFoundException e) {
            if (!allowMissing) {
                throw e;
            }
            log.info("SeldonDeployment " + namespace + "/" + name + " does not exist");
            return null;
        }
    }

    /**
     * Creates the deployment, or updates it if it exists. The manifest is validated first
     * ({@link Manifests#validate}), then the deployment is read afresh:
     * <ul>
     *   <li>absent: it is created from the manifest (without {@code status} and server-owned metadata, with
     *       {@code metadata.namespace} set to {@code namespace});</li>
     *   <li>present: <strong>the update replaces the spec</strong>. The server's copy is sent back with its
     *       {@code spec} replaced by the manifest's, the manifest's labels and annotations added to (or overwriting)
     *       the server's, its {@code metadata.resourceVersion} kept (so a concurrent change is detected) and
     *       {@code status}, {@code uid}, {@code managedFields}, {@code creationTimestamp} and {@code generation}
     *       removed. Fields the manifest leaves out of {@code spec} are therefore removed, whatever set them; labels
     *       and annotations that only the server has are kept, because Seldon and other tools add their own.</li>
     * </ul>
     * If the write conflicts (409: changed or created by someone else since the read), it is read again and retried
     * once; a second conflict is thrown.
     *
     * @param source names the manifest in validation messages, e.g. the workspace file
     */
    public ApplyResult apply(String namespace, ObjectNode manifest, String source)
            throws IOException, InterruptedException {
        String name = Manifests.validate(manifest, namespace, source);
        String subject = "SeldonDeployment " + namespace + "/" + name;
        for (int attempt = 1; ; attempt++) {
            ObjectNode current;
            try {
                current = client.get(KIND, namespace, name);
            } catch (NotFoundException e) {
                current = null;
            }
            try {
                if (current == null) {
                    ObjectNode created = client.create(KIND, namespace, createBody(manifest, namespace),
                            new WriteAudit(AuditMessages.CREATED, auditMessage));
                    log.info("Created " + subject);
                    return new ApplyResult(created, new LastWrite(LastWrite.Kind.CREATED, clock.instant()));
                }
                ObjectNode updated = client.update(KIND, namespace, name, updateBody(current, manifest),
                        new WriteAudit(AuditMessages.UPDATED, auditMessage));
                log.info("Updated " + subject + " (spec replaced)");
                return new ApplyResult(updated, new LastWrite(LastWrite.Kind.UPDATED, clock.instant()));
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

    /**
     * Deletes a SeldonDeployment.
     *
     * @return whether it existed (it is gone either way)
     * @throws NotFoundException when it does not exist and {@code allowMissing} is not set
     */
    public boolean delete(String namespace, String name, boolean allowMissing) throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        Names.checkName(name);
        try {
            client.delete(KIND, namespace, name, new WriteAudit(AuditMessages.DELETED, auditMessage));
        } catch (NotFoundException e) {
            if (!allowMissing) {
                throw e;
            }
            log.info("SeldonDeployment " + namespace + "/" + name + " does not exist; nothing to delete");
            return false;
        }
        log.info("Deleted SeldonDeployment " + namespace + "/" + name);
        return true;
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
        ObjectNode body = current.deepCopy();
        body.remove("status");
        JsonNode currentMetadata = body.get("metadata");
        ObjectNode metadata = currentMetadata instanceof ObjectNode object ? object : body.putObject("metadata");
        metadata.remove(SERVER_METADATA);
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

    private static String describeState(JsonNode resource) {
        String state = resource.path("status").path("state").asText("");
        return state.isEmpty() ? "" : " (" + state + ")";
    }

    /** What {@link #apply} did. */
    public static final class ApplyResult {

        private final ObjectNode resource;
        private final LastWrite write;

        ApplyResult(ObjectNode resource, LastWrite write) {
            this.resource = resource;
            this.write = write;
        }

        /** The deployment as the server returned it after the write. */
        public ObjectNode resource() {
            return resource;
        }

        /** Whether the deployment was created (rather than updated). */
        public boolean created() {
            return write.kind() == LastWrite.Kind.CREATED;
        }

        /**
         * The write, for a following wait ({@link DeploymentReadiness#start}); serialisable, so the Jenkins layer can
         * keep it with the build for a later wait step.
         */
        public LastWrite write() {
            return write;
        }
    }
}

package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Promotes a resource of any kind from one environment to another (e.g. from staging to production, on another server
 * or in another namespace): reads it from the source, strips what the source server owns, retargets it, and applies
 * it to the target through {@link ResourceOperations#apply}, so that the target gets the same treatment as any apply:
 * created when absent, its spec replaced when present (the log shows the difference), nothing sent when it already
 * has what the source has, one retry on a conflict, dry run. The write's GitOps message names the source (server,
 * namespace, name and resourceVersion), then the build's message. This is what Seldon's own Jenkins example does by
 * copying manifests between GitOps folders, through the API instead.
 *
 * <p>What is stripped: {@code status}; the server-owned metadata ({@code uid}, {@code resourceVersion},
 * {@code creationTimestamp}, {@code generation}, {@code managedFields}, {@code selfLink}, deletion fields); the
 * source's {@code namespace}; {@code ownerReferences} and {@code finalizers}, which belong to the source cluster's
 * objects and controllers; and the annotations that describe the source's deployment rather than the resource
 * ({@value #LAST_APPLIED}, and those of Argo CD, {@value #ARGO_CD_PREFIX}...). Labels and other annotations are kept.
 *
 * <p>Retargeting: the namespace and the name may change. An Experiment's references to its pipelines
 * ({@code spec.default}, {@code spec.candidates[].name}, {@code spec.mirror.name}) change only with an explicit
 * {@link Request#pipelineRenames()} map: renaming the experiment says nothing about the pipelines it splits traffic
 * between, which are resources of their own, promoted (or not) under names of their own; rewriting them by guess would
 * point the target's traffic at pipelines that may not exist there. Since the API addresses an experiment by its main
 * pipeline, the target experiment lives at its (renamed) {@code spec.default}.
 */
public final class EnvironmentPromotion {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String ARGO_CD_PREFIX = "argocd.argoproj.io/";
    private static final List<String> SOURCE_METADATA = List.of("uid", "resourceVersion", "creationTimestamp",
            "generation", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace",
            "ownerReferences", "finalizers");

    private final SeldonClient source;
    private final String sourceServer;
    private final SeldonClient target;
    private final String targetServer;
    private final LogSink log;
    private final Clock clock;
    private final String auditMessage;

    /**
     * @param sourceServer names the source server in the log and the GitOps message, e.g. its name in Jenkins
     * @param targetServer names the target server in the log
     * @param auditMessage the build's {@code message} ({@link AuditMessages#message}); the write's message is
     *     {@link AuditMessages#promotion} of it
     */
    public EnvironmentPromotion(SeldonClient source, String sourceServer, SeldonClient target, String targetServer,
            LogSink log, Clock clock, String auditMessage) {
        this.source = Objects.requireNonNull(source, "source");
        this.sourceServer = Objects.requireNonNull(sourceServer, "sourceServer");
        this.target = Objects.requireNonNull(target, "target");
        this.targetServer = Objects.requireNonNull(targetServer, "targetServer");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditMessage = auditMessage;
    }

    /**
     * What to promote, and where to.
     *
     * @param kind any kind
     * @param namespace the source namespace
     * @param name the source resource; for an Experiment, its main pipeline (by which the API reads it)
     * @param targetNamespace the target namespace, or {@code null} for the source's
     * @param targetName the resource's name on the target ({@code metadata.name}; for an Experiment the experiment's
     *     own name), or {@code null} for the source's
     * @param pipelineRenames for an Experiment, pipeline names to replace in its references (source name to target
     *     name); empty for other kinds
     */
    public record Request(ResourceKind kind, String namespace, String name, String targetNamespace, String targetName,
            Map<String, String> pipelineRenames) {
        public Request {
            Objects.requireNonNull(kind, "kind");
            pipelineRenames = Map.copyOf(pipelineRenames);
        }
    }

    /**
     * What the promotion did.
     *
     * @param change the target's change ({@link ResourceOperations.ApplyResult#change()}) with
     *     {@link Change#detail()} naming the source
     * @param resource the target resource as the server returned it; in a dry run, what would be sent
     * @param write the write, for a following wait; {@code null} when nothing was written
     */
    public record Result(Change change, ObjectNode resource, LastWrite write) {}

    /**
     * Reads, strips, retargets and applies (see the class comment).
     *
     * @param dryRun read and compare only: the result says what would be done, and nothing is written
     * @throws InvalidInputException for invalid names, renames for a kind other than Experiment, or a target that is
     *     the source itself
     * @throws io.jenkins.plugins.seldon.client.error.NotFoundException when the source does not exist
     */
    public Result promote(Request request, boolean dryRun) throws IOException, InterruptedException {
        ResourceKind kind = request.kind();
        Names.checkNamespace(request.namespace());
        Names.checkName(kind == ResourceKind.EXPERIMENT ? ResourceKind.PIPELINE : kind, request.name());
        if (!request.pipelineRenames().isEmpty() && kind != ResourceKind.EXPERIMENT) {
            throw new InvalidInputException("Pipeline renames apply to the references of an Experiment, not to a "
                    + kind.kind() + "; to rename the " + kind.kind() + " itself, give its target name");
        }
        for (Map.Entry<String, String> rename : request.pipelineRenames().entrySet()) {
            Names.checkName(ResourceKind.PIPELINE, rename.getKey());
            Names.checkName(ResourceKind.PIPELINE, rename.getValue());
        }
        String targetNamespace = request.targetNamespace() == null ? request.namespace() : request.targetNamespace();
        Names.checkNamespace(targetNamespace);

        ObjectNode resource = KubernetesShape.normalize(source.get(kind, request.namespace(), request.name()));
        String from = kind.kind() + " " + request.namespace() + "/" + KubernetesShape.name(resource)
                + " (resourceVersion " + KubernetesShape.resourceVersion(resource) + ") on " + sourceServer;
        ObjectNode manifest = promotable(resource, request.targetName(), request.pipelineRenames());
        Manifests.ValidManifest valid = Manifests.validate(manifest, targetNamespace, from);
        if (source.apiUrl().equals(target.apiUrl()) && request.namespace().equals(targetNamespace)
                && request.name().equals(valid.address())) {
            throw new InvalidInputException("The target of the promotion of " + from + " is the resource itself; give"
                    + " another server, namespace or name");
        }
        log.info((dryRun ? "Dry run: promoting " : "Promoting ") + from + " to " + kind.kind() + " " + targetNamespace
                + "/" + valid.name() + " on " + targetServer);
        ResourceOperations operations = new ResourceOperations(target, log, clock,
                AuditMessages.promotion(from, auditMessage));
        ResourceOperations.ApplyResult applied = operations.apply(targetNamespace,
                List.of(new Manifests.Document(manifest, from)), dryRun).get(0);
        return new Result(applied.change().withDetail("promoted from " + from), applied.resource(), applied.write());
    }

    /** {@code resource} without what its server owns, renamed and with its pipeline references renamed as asked. */
    static ObjectNode promotable(ObjectNode resource, String targetName, Map<String, String> pipelineRenames) {
        ObjectNode manifest = resource.deepCopy();
        manifest.remove("status");
        ObjectNode metadata = manifest.get("metadata") instanceof ObjectNode m ? m : manifest.putObject("metadata");
        metadata.remove(SOURCE_METADATA);
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            List<String> sourceOnly = new ArrayList<>();
            for (Iterator<String> it = annotations.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (key.equals(LAST_APPLIED) || key.startsWith(ARGO_CD_PREFIX)) {
                    sourceOnly.add(key);
                }
            }
            annotations.remove(sourceOnly);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        if (targetName != null) {
            metadata.put("name", targetName);
        }
        if (manifest.get("spec") instanceof ObjectNode spec) {
            rename(spec, "default", pipelineRenames);
            for (JsonNode candidate : spec.path("candidates")) {
                if (candidate instanceof ObjectNode c) {
                    rename(c, "name", pipelineRenames);
                }
            }
            if (spec.get("mirror") instanceof ObjectNode mirror) {
                rename(mirror, "name", pipelineRenames);
            }
        }
        return manifest;
    }

    private static void rename(ObjectNode node, String field, Map<String, String> renames) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual() && renames.containsKey(value.asText())) {
            node.put(field, renames.get(value.asText()));
        }
    }
}

package io.jenkins.plugins.seldon.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.config.SeldonGlobalConfiguration;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.operations.ApiCalls;
import io.jenkins.plugins.seldon.operations.AuditMessages;
import io.jenkins.plugins.seldon.operations.BatchJobWait;
import io.jenkins.plugins.seldon.operations.BatchJobs;
import io.jenkins.plugins.seldon.operations.Candidate;
import io.jenkins.plugins.seldon.operations.Candidates;
import io.jenkins.plugins.seldon.operations.Change;
import io.jenkins.plugins.seldon.operations.DeploymentValidation;
import io.jenkins.plugins.seldon.operations.EnvironmentPromotion;
import io.jenkins.plugins.seldon.operations.GatedRollout;
import io.jenkins.plugins.seldon.operations.GitOps;
import io.jenkins.plugins.seldon.operations.LastWrite;
import io.jenkins.plugins.seldon.operations.LoadTests;
import io.jenkins.plugins.seldon.operations.Manifests;
import io.jenkins.plugins.seldon.operations.ModelMetadata;
import io.jenkins.plugins.seldon.operations.Monitors;
import io.jenkins.plugins.seldon.operations.PartialApplyException;
import io.jenkins.plugins.seldon.operations.Payloads;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.Predictions;
import io.jenkins.plugins.seldon.operations.ResourceOperations;
import io.jenkins.plugins.seldon.operations.RolloutState;
import io.jenkins.plugins.seldon.operations.Rollouts;
import io.jenkins.plugins.seldon.operations.ServerInfo;
import io.jenkins.plugins.seldon.operations.parameters.ApiParameters;
import io.jenkins.plugins.seldon.operations.parameters.ApplyParameters;
import io.jenkins.plugins.seldon.operations.parameters.BatchJobParameters;
import io.jenkins.plugins.seldon.operations.parameters.CanaryParameters;
import io.jenkins.plugins.seldon.operations.parameters.CandidateParameters;
import io.jenkins.plugins.seldon.operations.parameters.DeleteParameters;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.GetParameters;
import io.jenkins.plugins.seldon.operations.parameters.GitOpsStatusParameters;
import io.jenkins.plugins.seldon.operations.parameters.GitParameters;
import io.jenkins.plugins.seldon.operations.parameters.JsonSource;
import io.jenkins.plugins.seldon.operations.parameters.ListParameters;
import io.jenkins.plugins.seldon.operations.parameters.LoadTestParameters;
import io.jenkins.plugins.seldon.operations.parameters.ManifestSource;
import io.jenkins.plugins.seldon.operations.parameters.ModelMetadataParameters;
import io.jenkins.plugins.seldon.operations.parameters.ModelMetadataQueryParameters;
import io.jenkins.plugins.seldon.operations.parameters.MonitorParameters;
import io.jenkins.plugins.seldon.operations.parameters.PredictParameters;
import io.jenkins.plugins.seldon.operations.parameters.PromoteParameters;
import io.jenkins.plugins.seldon.operations.parameters.RolloutAction;
import io.jenkins.plugins.seldon.operations.parameters.RollbackAction;
import io.jenkins.plugins.seldon.operations.parameters.RollbackParameters;
import io.jenkins.plugins.seldon.operations.parameters.RolloutParameters;
import io.jenkins.plugins.seldon.operations.parameters.ValidateParameters;
import io.jenkins.plugins.seldon.operations.parameters.WeightParameters;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jenkins.model.Jenkins;

/**
 * One build step's use of one Seldon server, shared by Pipeline steps and freestyle build steps: picks the server,
 * connects with the right credentials (the server's own as the system, a job's own in the build's context), runs the
 * Jenkins-free operations with the build's log and audit message, and records every change on the build page
 * ({@link SeldonChangesAction}). All HTTP runs here, on the controller; manifest files are read through the workspace
 * API.
 */
public final class SeldonSession {

    private final Run<?, ?> run;
    private final TaskListener listener;
    private final BuildLog log;
    private final SeldonServer server;
    /** As the step gave it, for a second session that is to use the same credential. */
    @CheckForNull
    private final String credentialsId;
    private final SeldonServer.Connection connection;
    private final Clock clock = Clock.systemUTC();

    private SeldonSession(Run<?, ?> run, TaskListener listener, BuildLog log, SeldonServer server,
            @CheckForNull String credentialsId, SeldonServer.Connection connection) {
        this.run = run;
        this.listener = listener;
        this.log = log;
        this.server = server;
        this.credentialsId = credentialsId;
        this.connection = connection;
    }

    /**
     * @param serverName the step's server, or null for the default
     * @param credentialsId the step's own credential as given (a credentials parameter is resolved by the Credentials
     *     plugin), or null for the server's own
     * @throws AbortException when the server is unknown or refuses this job, or a credential is missing
     */
    public static SeldonSession open(@CheckForNull String serverName, @CheckForNull String credentialsId,
            Run<?, ?> run, TaskListener listener) throws IOException {
        return open(serverName, credentialsId, SeldonServer.Purpose.OPERATIONS, run, listener);
    }

    /** @param purpose {@link SeldonServer.Purpose#TOKEN_FOR_JOB} when the token goes to the job itself */
    public static SeldonSession open(@CheckForNull String serverName, @CheckForNull String credentialsId,
            SeldonServer.Purpose purpose, Run<?, ?> run, TaskListener listener) throws IOException {
        SeldonServer server = SeldonGlobalConfiguration.get().resolveServer(serverName);
        BuildLog log = new BuildLog(listener);
        SeldonServer.Connection connection = server.connectForBuild(run, credentialsId, purpose,
                retry -> log.warn(retry.message()));
        if (!connection.tls().verifies()) {
            log.warn(Messages.SeldonSession_tlsOff(server.getName()));
        }
        return new SeldonSession(run, listener, log, server, credentialsId, connection);
    }

    public SeldonServer server() {
        return server;
    }

    public SeldonClient client() {
        return connection.client();
    }

    public RequestAuthenticator authenticator() {
        return connection.authenticator();
    }

    public BuildLog log() {
        return log;
    }

    private ResourceOperations operations(@CheckForNull String message) {
        return new ResourceOperations(connection.client(), log, clock, auditMessage(message));
    }

    /** The audit message writes carry: the given one, else job, build number and URL. */
    public String auditMessage(@CheckForNull String override) {
        Jenkins j = Jenkins.getInstanceOrNull();
        String root = j == null ? null : j.getRootUrl();
        return AuditMessages.message(override, run.getParent().getFullName(), run.getNumber(),
                root == null ? null : root + run.getUrl());
    }

    /** Adds a change this build made on this server to the build page. */
    public void record(Change change) {
        SeldonChangesAction.record(run, server.getName(), change, clock.instant());
    }

    /** This build's last write of the resource on this server, for a wait that follows it. */
    @CheckForNull
    public LastWrite lastWrite(ResourceKind kind, String namespace, String address) {
        return SeldonChangesAction.lastWrite(run, server.getName(), kind, namespace, address);
    }

    /**
     * The resources of a kind in a namespace, or the Models of a pipeline, as plain lists and maps read straight from
     * the answer, reduced to what the parameters keep ({@link ListParameters#projection()}).
     *
     * @param labels how the screen names the fields, for the warning about a large list
     */
    public List<Object> list(ListParameters p, FieldLabels labels) throws IOException, InterruptedException {
        return p.getKind() == ResourceKind.MODEL
                ? operations(null).pipelineModels(p.getNamespace(), p.getPipeline(), p.projection(), labels::of)
                : operations(null).list(p.getKind(), p.getNamespace(), p.projection(), labels::of);
    }

    @CheckForNull
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(GetParameters p) throws IOException, InterruptedException {
        return (Map<String, Object>) PlainJson.toPlain(operations(null).get(p.getKind(), p.getNamespace(), p.getName(),
                p.isAllowMissing()));
    }

    /** @return whether the resource existed */
    public boolean delete(DeleteParameters p) throws IOException, InterruptedException {
        Change change = operations(p.getMessage()).delete(p.getKind(), p.getNamespace(), p.getName(),
                p.isAllowMissing());
        record(change);
        return change.action() == Change.Action.DELETED;
    }

    /**
     * Applies every document in order after checking them all. Every change is recorded, also those made before a
     * later document failed.
     *
     * @param workspace where a {@code file} is read; only null when the parameters name no file
     * @param substitution applied to the manifest's text before it is parsed (freestyle's optional build variables)
     */
    public List<ResourceOperations.ApplyResult> apply(ApplyParameters p, @CheckForNull FilePath workspace,
            UnaryOperator<String> substitution) throws IOException, InterruptedException {
        List<Manifests.Document> documents = documents(p, workspace, substitution);
        return applyDocuments(p.getNamespace(), documents, p.isDryRun(), p.getMessage());
    }

    private List<ResourceOperations.ApplyResult> applyDocuments(@CheckForNull String namespace,
            List<Manifests.Document> documents, boolean dryRun, @CheckForNull String message)
            throws IOException, InterruptedException {
        List<ResourceOperations.ApplyResult> results;
        try {
            results = operations(message).apply(namespace, documents, dryRun);
        } catch (PartialApplyException e) {
            e.applied().forEach(r -> record(r.change()));
            throw e;
        }
        results.forEach(r -> record(r.change()));
        return results;
    }

    /**
     * A workspace-relative path, as the steps document it: refused when absolute or leaving the workspace through
     * {@code ..} or links, whether it is read or written.
     */
    public static FilePath inWorkspace(FilePath workspace, String path) throws IOException, InterruptedException {
        boolean inside;
        try {
            inside = workspace.isDescendant(path);
        } catch (IllegalArgumentException absolute) {
            inside = false;
        }
        if (!inside) {
            throw new AbortException(Messages.SeldonSession_outsideWorkspace(path));
        }
        return workspace.child(path);
    }

    /** Canaries and shadows of the parameters' target on this server, with their audit message. */
    private Rollouts rollouts(RolloutParameters p) {
        return Rollouts.of(p.getKind(), connection.client(), log, auditMessage(p.getMessage()));
    }

    /** How the target's traffic is split now, as plain values. */
    public Map<String, Object> traffic(RolloutParameters p) throws IOException, InterruptedException {
        return rollouts(p).current(p.getNamespace(), p.getTarget()).toMap();
    }

    /** Promotes or removes the target's canary or shadow; the change, as plain values. */
    public Map<String, Object> rollout(RolloutParameters p, RolloutAction action)
            throws IOException, InterruptedException {
        Rollouts r = rollouts(p);
        String ns = p.getNamespace();
        String target = p.getTarget();
        Change change = switch (action) {
            case PROMOTE_CANARY -> r.promoteCanary(ns, target);
            case REMOVE_CANARY -> r.removeCanary(ns, target, p.isAllowMissing());
            case PROMOTE_SHADOW -> r.promoteShadow(ns, target);
            case REMOVE_SHADOW -> r.removeShadow(ns, target, p.isAllowMissing());
        };
        record(change);
        return change.toMap();
    }

    public Map<String, Object> setCanaryWeight(WeightParameters p) throws IOException, InterruptedException {
        Change change = rollouts(p).setCanaryWeight(p.getNamespace(), p.getTarget(), p.getWeight());
        record(change);
        return change.toMap();
    }

    /**
     * Starts a canary: applies the candidate's manifest first when one is given for a Pipeline (checked before
     * anything is sent), then starts the canary at its weight.
     *
     * @param workspace where a {@code file} is read; only null when the parameters name no file
     */
    public Map<String, Object> startCanary(CanaryParameters p, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        List<Manifests.Document> documents = documents(p, workspace, UnaryOperator.identity());
        RolloutState planned = GatedRollout.plan(p.getKind(), p.getNamespace(), p.getTarget(), p.getCandidate(),
                p.getWeight(), documents);
        GatedRollout.Result started = gatedRollout(p.getMessage()).start(planned, documents);
        started.changes().forEach(this::record);
        return started.changes().get(started.changes().size() - 1).toMap();
    }

    /** Starts a shadow, applying the candidate's manifest first when one is given for a Pipeline, as for a canary. */
    public Map<String, Object> startShadow(CandidateParameters p, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        List<Manifests.Document> documents = documents(p, workspace, UnaryOperator.identity());
        Candidate candidate = Candidates.of(p.getKind(), p.getNamespace(), p.getTarget(), p.getCandidate(),
                documents, true);
        if (p.getKind() == ResourceKind.PIPELINE && !documents.isEmpty()) {
            applyDocuments(p.getNamespace(), documents, false, p.getMessage());
        }
        Change change = rollouts(p).startShadow(p.getNamespace(), p.getTarget(), candidate);
        record(change);
        return change.toMap();
    }

    /** The phases of a canary gated by a test, on this server, with the build's (or the given) audit message. */
    public GatedRollout gatedRollout(@CheckForNull String message) {
        return new GatedRollout(connection.client(), log, clock, auditMessage(message));
    }

    /**
     * The session a promotion reads its source through, this session being the target's: the source server defaults
     * to this server, and then the source credential to this session's; when both are this session's, this session.
     *
     * @throws AbortException when the source server is unknown or refuses this job, or a credential is missing
     */
    public SeldonSession openSource(PromoteParameters p) throws IOException {
        boolean sameServer = p.getFromServer() == null || p.getFromServer().equals(server.getName());
        String credentials = p.getFromCredentialsId() != null ? p.getFromCredentialsId()
                : sameServer ? credentialsId : null;
        if (sameServer && Objects.equals(credentials, credentialsId)) {
            return this;
        }
        return open(sameServer ? server.getName() : p.getFromServer(), credentials, run, listener);
    }

    /**
     * Promotes a resource from {@code source} (another session, on the source server with its credentials) to this
     * session's server; the change names the source.
     */
    public Map<String, Object> promote(PromoteParameters p, SeldonSession source)
            throws IOException, InterruptedException {
        EnvironmentPromotion promotion = new EnvironmentPromotion(source.client(), source.server().getName(),
                connection.client(), server.getName(), log, clock, auditMessage(p.getMessage()));
        EnvironmentPromotion.Result result = promotion.promote(new EnvironmentPromotion.Request(p.getKind(),
                p.getFromNamespace(), p.getName(), p.getNamespace(), p.getTargetName(), p.getPipelineRenames()),
                p.isDryRun());
        record(result.change());
        return result.change().toMap();
    }

    // ---- operating what is deployed -----------------------------------------------------------------------------

    /**
     * JSON sent as it is: the map, the text, or the workspace file.
     *
     * @param workspace where a {@code file} is read; only null when the source names no file
     */
    public static JsonNode json(JsonSource p, @CheckForNull FilePath workspace) throws IOException,
            InterruptedException {
        if (p.map() != null) {
            return Payloads.fromMap(p.map(), p.mapField());
        }
        if (p.getJson() != null) {
            return Payloads.parse(p.getJson(), "json");
        }
        if (workspace == null) {
            throw new IllegalStateException("a file is read only where there is a workspace");
        }
        FilePath path = inWorkspace(workspace, p.getFile());
        if (!path.exists()) {
            throw new AbortException(Messages.SeldonSession_noSuchFile(p.getFile()));
        }
        try (InputStream in = path.read()) {
            return Payloads.read(in, p.getFile());
        }
    }

    /**
     * Sends a prediction and checks its answer when an expectation is given.
     *
     * @return the answer, as plain values
     */
    public Object predict(PredictParameters p, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        JsonNode payload = json(p, workspace);
        Predictions predictions = new Predictions(connection.client(), log, server.inferenceUri());
        return PlainJson.toPlain(predictions.predict(p.getKind(), p.getNamespace(), p.getTarget(), payload,
                p.expectation()).answer());
    }

    /** Registers model metadata; what it did, as plain values ({@link ModelMetadata.Registration#toMap()}). */
    public Map<String, Object> registerModelMetadata(ModelMetadataParameters p, FieldLabels labels)
            throws IOException, InterruptedException {
        return new ModelMetadata(connection.client(), log).register(p.record(labels), p.isUpdate()).toMap();
    }

    /** The model metadata records that match every filter given, as plain values. */
    @SuppressWarnings("unchecked")
    public List<Object> listModelMetadata(ModelMetadataQueryParameters p) throws IOException, InterruptedException {
        ArrayNode records = new ModelMetadata(connection.client(), log).list(p.filters());
        log.info("Found " + records.size() + " model metadata record" + (records.size() == 1 ? "" : "s"));
        return (List<Object>) PlainJson.toPlain(records);
    }

    private GitOps gitOps(@CheckForNull String message) {
        return new GitOps(connection.client(), log, auditMessage(message));
    }

    /** The namespace's GitOps status, as plain values. */
    public Object gitOpsStatus(GitOpsStatusParameters p) throws IOException, InterruptedException {
        return PlainJson.toPlain(gitOps(null).status(p.getNamespace()));
    }

    /** A resource's commits, newest first, as plain values. */
    @SuppressWarnings("unchecked")
    public List<Object> gitLog(GitParameters p) throws IOException, InterruptedException {
        return (List<Object>) PlainJson.toPlain(gitOps(null).log(p.getKind(), p.getNamespace(), p.getName()));
    }

    /** What one commit changed in a resource, as plain values. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> gitDiff(GitParameters p) throws IOException, InterruptedException {
        return (Map<String, Object>) PlainJson.toPlain(gitOps(null).diff(p.getKind(), p.getNamespace(), p.getName(),
                p.getHash()));
    }

    /** Reverts or restores a SeldonDeployment's commit; the change, recorded on the build page, as plain values. */
    public Map<String, Object> rollback(RollbackParameters p, RollbackAction action)
            throws IOException, InterruptedException {
        GitOps g = gitOps(p.getMessage());
        Change change = action == RollbackAction.REVERT ? g.revert(p.getNamespace(), p.getName(), p.getHash())
                : g.restore(p.getNamespace(), p.getName(), p.getHash());
        record(change);
        return change.toMap();
    }

    /** Batch jobs on this server, with the build's log. */
    public BatchJobs batchJobs() {
        return new BatchJobs(connection.client(), log, clock);
    }

    /** Starts a batch job from its definition; how to wait for it. */
    public BatchJobWait startBatchJob(BatchJobParameters p, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        ObjectNode definition = BatchJobs.definition(json(p, workspace),
                p.getFile() != null ? p.getFile() : p.map() != null ? "definition" : "json");
        return batchJobs().create(p.getKind(), p.getNamespace(), p.getTarget(), definition);
    }

    private LoadTests loadTests() {
        return new LoadTests(connection.client(), log);
    }

    /** Starts a load test; the server's message, as plain values. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> createLoadTest(LoadTestParameters p, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        return (Map<String, Object>) PlainJson.toPlain(loadTests().create(p.getKind(), p.getNamespace(),
                p.getTarget(), json(p, workspace), p.getConnections(), p.getRequests(), p.getDuration()));
    }

    /** The load tests of a SeldonDeployment or Pipeline, as the API reports them, as plain values. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> listLoadTests(LoadTestParameters p) throws IOException, InterruptedException {
        return (Map<String, Object>) PlainJson.toPlain(loadTests().list(p.getKind(), p.getNamespace(),
                p.getTarget()));
    }

    /** @return whether the load test existed */
    public boolean deleteLoadTest(LoadTestParameters p) throws IOException, InterruptedException {
        return loadTests().delete(p.getKind(), p.getNamespace(), p.getTarget(), p.getJob(), p.isAllowMissing());
    }

    private Monitors monitors() {
        return new Monitors(connection.client(), log);
    }

    /** Creates a monitor unless the same exists; the monitor, as plain values. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> createMonitor(MonitorParameters p, FieldLabels labels, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        ObjectNode config = p.hasJson() ? Monitors.configuration(json(p, workspace), p.getFile() != null
                ? p.getFile() : p.map() != null ? "config" : "json") : Json.object();
        return (Map<String, Object>) PlainJson.toPlain(monitors().create(p.getKind(), p.getNamespace(),
                p.getTarget(), p.monitor(labels), p.getDetector(), config).monitor());
    }

    /** The monitors of one type, as plain values. */
    @SuppressWarnings("unchecked")
    public List<Object> listMonitors(MonitorParameters p, FieldLabels labels)
            throws IOException, InterruptedException {
        return (List<Object>) PlainJson.toPlain(monitors().list(p.getKind(), p.getNamespace(), p.getTarget(),
                p.monitor(labels)));
    }

    /** @return whether the monitor existed */
    public boolean deleteMonitor(MonitorParameters p, FieldLabels labels) throws IOException, InterruptedException {
        return monitors().delete(p.getKind(), p.getNamespace(), p.getTarget(), p.monitor(labels), p.getDetector(),
                p.isAllowMissing());
    }

    /**
     * Has the server validate SeldonDeployment manifests.
     *
     * @return for one document a map, else a list of them ({@code namespace}, {@code name}, {@code valid},
     *     {@code message})
     */
    public Object validate(ValidateParameters p, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        List<Map<String, Object>> results = new DeploymentValidation(connection.client(), log)
                .validate(p.getNamespace(), documents(p, workspace, UnaryOperator.identity()));
        return results.size() == 1 ? results.get(0) : new ArrayList<Object>(results);
    }

    /** Calls any path allowed on this server; the answer, as plain values. */
    public Object api(ApiParameters p) throws IOException, InterruptedException {
        JsonNode body = p.getBody() != null ? Payloads.fromMap(p.getBody(), "body")
                : p.getJson() != null ? Payloads.parse(p.getJson(), "json") : null;
        ApiCalls calls = new ApiCalls(connection.client(), log, server.apiStepPatterns(), auditMessage(p.getMessage()));
        return PlainJson.toPlain(calls.call(p.getMethod(), p.getPath(), p.getQuery(), body));
    }

    /** Who this session is to the server, and what the server runs. */
    public Map<String, Object> whoAmI() throws IOException, InterruptedException {
        return ServerInfo.whoAmI(connection.client(), log, server.getName());
    }

    /**
     * The documents of a manifest, parsed and checked: from the map, the text, or the workspace file.
     *
     * @param workspace where a {@code file} is read; only null when the source names no file
     * @param substitution applied to the text before it is parsed (freestyle's optional build variables)
     * @return no documents when the source gives none
     */
    public static List<Manifests.Document> documents(ManifestSource p, @CheckForNull FilePath workspace,
            UnaryOperator<String> substitution) throws IOException, InterruptedException {
        if (!p.hasManifest()) {
            return List.of();
        }
        if (p.getResource() != null) {
            return List.of(new Manifests.Document(Manifests.fromMap(p.getResource(), "resource"), "resource"));
        }
        if (p.getManifest() != null) {
            return Manifests.parseAll(substitution.apply(p.getManifest()), "manifest");
        }
        if (workspace == null) {
            throw new IllegalStateException("a file is read only where there is a workspace");
        }
        FilePath path = inWorkspace(workspace, p.getFile());
        if (!path.exists()) {
            throw new AbortException(Messages.SeldonSession_noSuchFile(p.getFile()));
        }
        try (InputStream in = path.read()) {
            return Manifests.parseAll(substitution.apply(Manifests.readText(in, p.getFile())), p.getFile());
        }
    }
}

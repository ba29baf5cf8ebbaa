package io.jenkins.plugins.seldon.build;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.config.SeldonGlobalConfiguration;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.operations.AuditMessages;
import io.jenkins.plugins.seldon.operations.Change;
import io.jenkins.plugins.seldon.operations.ResourceOperations;
import io.jenkins.plugins.seldon.operations.LastWrite;
import io.jenkins.plugins.seldon.operations.Manifests;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.parameters.ApplyParameters;
import io.jenkins.plugins.seldon.operations.parameters.DeleteParameters;
import io.jenkins.plugins.seldon.operations.parameters.GetParameters;
import io.jenkins.plugins.seldon.operations.parameters.NamespaceParameters;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * One build step's use of one Seldon server, shared by Pipeline steps and freestyle build steps: picks the server,
 * connects with the right credentials (the server's own as the system, a job's own in the build's context), and runs
 * the Jenkins-free operations with the build's log and audit message. All HTTP runs here, on the controller; manifest
 * files are read through the workspace API.
 */
public final class SeldonSession {

    private final Run<?, ?> run;
    private final BuildLog log;
    private final SeldonServer server;
    private final SeldonServer.Connection connection;

    private SeldonSession(Run<?, ?> run, BuildLog log, SeldonServer server, SeldonServer.Connection connection) {
        this.run = run;
        this.log = log;
        this.server = server;
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
        SeldonServer server = SeldonGlobalConfiguration.get().resolveServer(serverName);
        SeldonServer.Connection connection = server.connectForBuild(run, credentialsId);
        BuildLog log = new BuildLog(listener);
        if (!connection.tls().verifies()) {
            log.warn(Messages.SeldonSession_tlsOff(server.getName()));
        }
        return new SeldonSession(run, log, server, connection);
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
        return new ResourceOperations(connection.client(), log, Clock.systemUTC(), auditMessage(message));
    }

    /** This build's last write of the deployment on this server, for a wait that follows it. */
    @CheckForNull
    public LastWrite lastWrite(String namespace, String name) {
        return LastWriteAction.find(run, server.getName(), namespace, name);
    }

    /** The audit message writes carry: the given one, else job, build number and URL. */
    private String auditMessage(@CheckForNull String override) {
        Jenkins j = Jenkins.getInstanceOrNull();
        String root = j == null ? null : j.getRootUrl();
        return AuditMessages.message(override, run.getParent().getFullName(), run.getNumber(),
                root == null ? null : root + run.getUrl());
    }

    /** The deployments of a namespace as the API returned them. */
    public ArrayNode list(NamespaceParameters p) throws IOException, InterruptedException {
        return operations(null).list(ResourceKind.SELDON_DEPLOYMENT, p.getNamespace());
    }

    /** The deployments of a namespace as plain lists and maps, for Pipeline. */
    @SuppressWarnings("unchecked")
    public List<Object> listPlain(NamespaceParameters p) throws IOException, InterruptedException {
        return (List<Object>) PlainJson.toPlain(list(p));
    }

    @CheckForNull
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(GetParameters p) throws IOException, InterruptedException {
        return (Map<String, Object>) PlainJson.toPlain(operations(null).get(ResourceKind.SELDON_DEPLOYMENT,
                p.getNamespace(), p.getName(), p.isAllowMissing()));
    }

    /**
     * Creates or updates the deployment. Local checks run before any request.
     *
     * @param workspace where a {@code file} is read; only null when the parameters name no file
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(ApplyParameters p, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        String source;
        ObjectNode manifest;
        if (p.getResource() != null) {
            source = "resource";
            manifest = Manifests.fromMap(p.getResource(), source);
        } else if (p.getManifest() != null) {
            source = "manifest";
            manifest = Manifests.parse(p.getManifest(), source);
        } else {
            source = p.getFile();
            manifest = Manifests.parse(read(workspace, p.getFile()), source);
        }
        if (Manifests.validate(manifest, p.getNamespace(), source).kind() != ResourceKind.SELDON_DEPLOYMENT) {
            throw new AbortException(source + ": this step applies SeldonDeployments only");
        }
        ResourceOperations.ApplyResult result = operations(p.getMessage())
                .apply(p.getNamespace(), List.of(new Manifests.Document(manifest, source)), false).get(0);
        if (result.write() != null) {
            LastWriteAction.record(run, server.getName(), p.getNamespace(), result.change().name(), result.write());
        }
        return (Map<String, Object>) PlainJson.toPlain(result.resource());
    }

    private static String read(@CheckForNull FilePath workspace, String file) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new IllegalStateException("a file is read only where there is a workspace");
        }
        FilePath path = workspace.child(file);
        if (!path.exists()) {
            throw new AbortException(Messages.SeldonSession_noSuchFile(file));
        }
        try (InputStream in = path.read()) {
            return Manifests.readText(in, file);
        }
    }

    /** @return whether the deployment existed */
    public boolean delete(DeleteParameters p) throws IOException, InterruptedException {
        return operations(p.getMessage()).delete(ResourceKind.SELDON_DEPLOYMENT, p.getNamespace(), p.getName(),
                p.isAllowMissing()).action() == Change.Action.DELETED;
    }
}

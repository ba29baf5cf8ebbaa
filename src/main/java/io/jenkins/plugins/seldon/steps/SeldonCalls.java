package io.jenkins.plugins.seldon.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.config.SeldonGlobalConfiguration;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.credentials.SeldonCredentialResolver;
import io.jenkins.plugins.seldon.operations.AuditMessages;
import io.jenkins.plugins.seldon.operations.Change;
import io.jenkins.plugins.seldon.operations.LastWrite;
import io.jenkins.plugins.seldon.operations.Manifests;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.ResourceOperations;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The Jenkins side of one operation, shared by Pipeline steps and freestyle builders: picks the server, resolves
 * credentials in the build's context, and hands plain inputs to the Jenkins-free operation classes. All HTTP runs
 * here, on the controller.
 */
@Restricted(NoExternalUse.class)
public final class SeldonCalls {

    private final Run<?, ?> run;
    private final ListenerLogSink log;
    private final SeldonServer server;
    private final SeldonClient client;

    private SeldonCalls(Run<?, ?> run, TaskListener listener, SeldonServer server, SeldonClient client) {
        this.run = run;
        this.log = new ListenerLogSink(listener);
        this.server = server;
        this.client = client;
    }

    /**
     * @param serverName the step's {@code server:}, or null for the default
     * @param credentialsId the step's {@code credentialsId:}, or null for the server's own credential
     */
    public static SeldonCalls connect(@CheckForNull String serverName, @CheckForNull String credentialsId, Run<?, ?> run,
            TaskListener listener) throws IOException {
        SeldonServer server = SeldonGlobalConfiguration.get().resolveServer(serverName);
        return new SeldonCalls(run, listener, server,
                SeldonCredentialResolver.forBuild(server, credentialsId, run, listener).client());
    }

    /**
     * The failure a build shows for {@code e}: the client's and operations' messages already say what failed, where
     * and what to check, so a stack trace in the build log adds nothing for users.
     */
    public static AbortException abort(IOException e) {
        return e instanceof AbortException a ? a : new AbortException(e.getMessage());
    }

    public SeldonClient client() {
        return client;
    }

    public ListenerLogSink log() {
        return log;
    }

    public SeldonServer server() {
        return server;
    }

    private ResourceOperations operations(@CheckForNull String message) {
        return new ResourceOperations(client, log, Clock.systemUTC(), auditMessage(message));
    }

    /** This build's last write of the deployment on this server, for the wait that may follow. */
    @CheckForNull
    public LastWrite lastWrite(String namespace, String name) {
        return LastWriteAction.find(run, server.getName(), namespace, name);
    }

    /** The audit message writes carry: the override, else job, build number and URL. */
    public String auditMessage(@CheckForNull String override) {
        Jenkins j = Jenkins.getInstanceOrNull();
        String root = j == null ? null : j.getRootUrl();
        return AuditMessages.message(override, run.getParent().getFullName(), run.getNumber(),
                root == null ? null : root + run.getUrl());
    }

    /** The deployments of a namespace as plain lists and maps, for Pipeline. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String namespace) throws IOException, InterruptedException {
        return (List<Object>) PlainJson.toPlain(listResources(namespace));
    }

    /** The deployments of a namespace as the API returned them. */
    public ArrayNode listResources(String namespace) throws IOException, InterruptedException {
        return operations(null).list(ResourceKind.SELDON_DEPLOYMENT, namespace);
    }

    @CheckForNull
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(String namespace, String name, boolean allowMissing) throws IOException, InterruptedException {
        return (Map<String, Object>) PlainJson.toPlain(operations(null).get(ResourceKind.SELDON_DEPLOYMENT, namespace, name,
                allowMissing));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(String namespace, ObjectNode manifest, String source, @CheckForNull String message)
            throws IOException, InterruptedException {
        if (Manifests.validate(manifest, namespace, source).kind() != ResourceKind.SELDON_DEPLOYMENT) {
            throw new AbortException(source + ": this step applies SeldonDeployments only");
        }
        ResourceOperations.ApplyResult result = operations(message)
                .apply(namespace, List.of(new Manifests.Document(manifest, source)), false).get(0);
        if (result.write() != null) {
            LastWriteAction.record(run, server.getName(), namespace, result.change().name(), result.write());
        }
        return (Map<String, Object>) PlainJson.toPlain(result.resource());
    }

    /** @return whether the deployment existed */
    public boolean delete(String namespace, String name, boolean allowMissing, @CheckForNull String message)
            throws IOException, InterruptedException {
        return operations(message).delete(ResourceKind.SELDON_DEPLOYMENT, namespace, name, allowMissing).action()
                == Change.Action.DELETED;
    }

    /**
     * Reads a manifest from exactly one of a workspace file or inline text; local validation happens in
     * {@link #apply}, before any network call.
     */
    public static ObjectNode readManifest(@CheckForNull String file, @CheckForNull String manifest,
            @CheckForNull FilePath workspace) throws IOException, InterruptedException {
        String f = Util.fixEmptyAndTrim(file);
        String m = Util.fixEmpty(manifest);
        if ((f == null) == (m == null)) {
            throw new AbortException("Give the SeldonDeployment as exactly one of file: or manifest:");
        }
        if (m != null) {
            return Manifests.parse(m, "manifest:");
        }
        if (workspace == null) {
            throw new AbortException("file: needs a workspace; run the step inside node { } or pass manifest:");
        }
        FilePath path = workspace.child(f);
        if (!path.exists()) {
            throw new AbortException("The manifest file " + f + " does not exist in the workspace");
        }
        try (InputStream in = path.read()) {
            return Manifests.parse(Manifests.readText(in, f), f);
        }
    }
}

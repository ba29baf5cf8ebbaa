package io.jenkins.plugins.seldon.build;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import io.jenkins.plugins.seldon.operations.LastWrite;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Remembers this build's last create or update of each deployment, so that a wait after an apply knows that a status
 * unchanged since the update may be stale, and that a 404 right after a create may be a pending GitOps sync.
 */
@Restricted(NoExternalUse.class)
public final class LastWriteAction extends InvisibleAction {

    /** Key: server, namespace and name; value: kind and epoch milliseconds (plain types for build.xml). */
    private final Map<String, String> writes = new HashMap<>();

    private static String key(String server, String namespace, String name) {
        return server + "|" + namespace + "|" + name;
    }

    static synchronized void record(Run<?, ?> run, String server, String namespace, String name, LastWrite write) {
        LastWriteAction action = run.getAction(LastWriteAction.class);
        if (action == null) {
            action = new LastWriteAction();
            run.addAction(action);
        }
        action.writes.put(key(server, namespace, name), write.kind().name() + "@" + write.at().toEpochMilli());
    }

    @CheckForNull
    static synchronized LastWrite find(Run<?, ?> run, String server, String namespace, String name) {
        LastWriteAction action = run.getAction(LastWriteAction.class);
        String value = action == null ? null : action.writes.get(key(server, namespace, name));
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        return new LastWrite(LastWrite.Kind.valueOf(value.substring(0, at)),
                Instant.ofEpochMilli(Long.parseLong(value.substring(at + 1))));
    }
}

package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns administrators about a server whose restrictions ("only jobs in these folders", "jobs must bring their own
 * credentials") a job could get around: its own credential is GLOBAL-scoped, so any job can read it with
 * {@code withCredentials} and call Seldon directly. SYSTEM scope is the fix.
 */
@Extension
public final class ReadableServerCredentialsMonitor extends AdministrativeMonitor {

    /** One server credential that jobs can read although the server is restricted. */
    public record Finding(String server, String credentialsId) {}

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.ReadableServerCredentialsMonitor_displayName();
    }

    @Override
    public boolean isSecurity() {
        return true;
    }

    @Override
    public boolean isActivated() {
        return !getFindings().isEmpty();
    }

    /** For the view. */
    public List<Finding> getFindings() {
        List<Finding> findings = new ArrayList<>();
        for (SeldonServer server : SeldonGlobalConfiguration.get().getServers()) {
            if (server.isRestricted()) {
                for (String id : server.getAuthentication().serverCredentialsIds()) {
                    if (CredentialsForms.scopeOf(id) == CredentialsScope.GLOBAL) {
                        findings.add(new Finding(server.getName(), id));
                    }
                }
            }
        }
        return findings;
    }
}

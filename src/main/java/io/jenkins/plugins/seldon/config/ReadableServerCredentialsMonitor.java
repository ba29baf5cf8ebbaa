package io.jenkins.plugins.seldon.config;

import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.seldon.credentials.CredentialsForms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Warns administrators about a server whose restrictions ("only jobs in these folders", "jobs must bring their own
 * credentials", "jobs may not receive its tokens") a job could get around: its own credential is GLOBAL-scoped, so any
 * job can read it with {@code withCredentials} and call Seldon directly. SYSTEM scope is the fix.
 *
 * <p>Jenkins asks every monitor on each page an administrator opens, and credential providers may be remote, so each
 * credential's scope is looked up at most once a minute.
 */
@Extension
public final class ReadableServerCredentialsMonitor extends AdministrativeMonitor {

    /** One server credential that jobs can read although the server is restricted. */
    public record Finding(String server, String credentialsId) {}

    private static final long TTL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Scope(Optional<CredentialsScope> scope, long lookedUpAt) {}

    private final Map<String, Scope> scopes = new ConcurrentHashMap<>();

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
                List<String> ids = new ArrayList<>(server.getAuthentication().serverCredentialsIds());
                // The client certificate's key is as much the server's own as its authentication.
                TlsConfiguration tls = server.getTls();
                if (tls != null && tls.getClientCertificateCredentialsId() != null) {
                    ids.add(tls.getClientCertificateCredentialsId());
                }
                for (String id : ids) {
                    if (scopeOf(id) == CredentialsScope.GLOBAL) {
                        findings.add(new Finding(server.getName(), id));
                    }
                }
            }
        }
        return findings;
    }

    private CredentialsScope scopeOf(String id) {
        long now = System.nanoTime();
        Scope known = scopes.get(id);
        if (known == null || now - known.lookedUpAt() >= TTL_NANOS) {
            known = new Scope(Optional.ofNullable(CredentialsForms.scopeOf(id)), now);
            scopes.put(id, known);
        }
        return known.scope().orElse(null);
    }
}

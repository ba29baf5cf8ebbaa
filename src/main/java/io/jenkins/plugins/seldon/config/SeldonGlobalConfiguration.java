package io.jenkins.plugins.seldon.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/** The Seldon servers builds may use (Manage Jenkins » System; JCasC {@code unclassified: seldon:}). */
@Extension
@Symbol("seldon")
public final class SeldonGlobalConfiguration extends GlobalConfiguration {

    private static final Logger LOGGER = Logger.getLogger(SeldonGlobalConfiguration.class.getName());

    private List<SeldonServer> servers = new ArrayList<>();

    public SeldonGlobalConfiguration() {
        load();
        // Hand-edited XML can bypass the setter; keep the first of duplicate names instead of failing startup.
        List<SeldonServer> unique = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SeldonServer s : servers == null ? List.<SeldonServer>of() : servers) {
            if (s != null && seen.add(s.getName())) {
                unique.add(s);
            } else if (s != null) {
                LOGGER.log(Level.WARNING, "Ignoring a second Seldon server named {0}", s.getName());
            }
        }
        servers = unique;
    }

    /** Without it, pages that list global configurations (and log messages) show the class name. */
    @NonNull
    @Override
    public String getDisplayName() {
        return "Seldon Enterprise Platform";
    }

    public static SeldonGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(SeldonGlobalConfiguration.class);
    }

    @NonNull
    public List<SeldonServer> getServers() {
        return Collections.unmodifiableList(servers);
    }

    /** @throws IllegalArgumentException naming a server name used twice */
    @DataBoundSetter
    public void setServers(List<SeldonServer> servers) {
        List<SeldonServer> list = servers == null ? new ArrayList<>() : new ArrayList<>(servers);
        Set<String> seen = new HashSet<>();
        for (SeldonServer s : list) {
            if (!seen.add(s.getName())) {
                throw new IllegalArgumentException("Two Seldon servers are named '" + s.getName() + "'; names must be unique");
            }
        }
        this.servers = list;
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // An empty repeatable sends no key: start from no servers so that deleting the last one works.
        List<SeldonServer> before = servers;
        servers = new ArrayList<>();
        try {
            req.bindJSON(this, json);
        } catch (IllegalArgumentException e) {
            servers = before;
            // Stapler wraps what a constructor or setter refused; show the innermost reason.
            Throwable reason = e;
            while (reason.getCause() != null) {
                reason = reason.getCause();
            }
            throw new FormException(reason.getMessage(), e, "servers");
        }
        save();
        return true;
    }

    @CheckForNull
    public SeldonServer findServer(@CheckForNull String name) {
        String n = Util.fixEmptyAndTrim(name);
        return n == null ? null : servers.stream().filter(s -> s.getName().equals(n)).findFirst().orElse(null);
    }

    /**
     * The server a step names, or the only server when none is named.
     *
     * @throws AbortException listing the configured names when the choice is unknown or ambiguous
     */
    public SeldonServer resolveServer(@CheckForNull String name) throws AbortException {
        String n = Util.fixEmptyAndTrim(name);
        if (servers.isEmpty()) {
            throw new AbortException("No Seldon server is configured (Manage Jenkins » System » Seldon Enterprise Platform)");
        }
        if (n == null) {
            if (servers.size() == 1) {
                return servers.get(0);
            }
            throw new AbortException("Several Seldon servers are configured; choose one with server: " + names());
        }
        SeldonServer s = findServer(n);
        if (s == null) {
            throw new AbortException("Unknown Seldon server '" + n + "'; configured servers: " + names());
        }
        return s;
    }

    private String names() {
        return servers.stream().map(SeldonServer::getName).collect(Collectors.joining(", "));
    }

    /** Drop-down items for a step's or builder's {@code server} field; empty means the only (default) server. */
    public ListBoxModel serverItems() {
        ListBoxModel model = new ListBoxModel();
        model.add(servers.size() == 1 ? "(default: " + servers.get(0).getName() + ")" : "(default)", "");
        for (SeldonServer s : servers) {
            model.add(s.getName(), s.getName());
        }
        return model;
    }
}

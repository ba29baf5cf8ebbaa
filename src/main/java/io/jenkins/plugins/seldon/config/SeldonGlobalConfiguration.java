package io.jenkins.plugins.seldon.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
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
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The Seldon servers builds may use, and the one used by steps that name none (Manage Jenkins » System; JCasC
 * {@code unclassified: seldon:}). Builds read the configuration while it may be saved: each save binds a complete new
 * list and swaps it in at once, so a build never sees a partly bound or empty list.
 */
@Extension
@Symbol("seldon")
public final class SeldonGlobalConfiguration extends GlobalConfiguration {

    private static final Logger LOGGER = Logger.getLogger(SeldonGlobalConfiguration.class.getName());

    // Replaced, never changed: a new list per save. An ArrayList, because that is what XStream writes and reads back.
    private volatile List<SeldonServer> servers = new ArrayList<>();
    private volatile String defaultServer;

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
        defaultServer = chooseDefault(servers, defaultServer);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.SeldonGlobalConfiguration_displayName();
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
        checkUnique(list);
        synchronized (this) {
            this.servers = list;
            this.defaultServer = chooseDefault(list, defaultServer);
        }
        save();
    }

    /** The name of the server that steps naming none use; {@code null} when none is chosen. */
    @CheckForNull
    public synchronized String getDefaultServer() {
        return defaultServer;
    }

    /**
     * Lenient about names that do not exist (yet): JCasC may set this before the servers. Steps that rely on an unknown
     * default fail with a message that says so.
     */
    @DataBoundSetter
    public synchronized void setDefaultServer(String defaultServer) {
        this.defaultServer = chooseDefault(servers, Util.fixEmptyAndTrim(defaultServer));
        save();
    }

    /** The only server becomes the default, explicitly, so that adding a second one later changes nothing. */
    @CheckForNull
    private static String chooseDefault(List<SeldonServer> servers, @CheckForNull String chosen) {
        return chosen == null && servers.size() == 1 ? servers.get(0).getName() : chosen;
    }

    private static void checkUnique(List<SeldonServer> list) {
        Set<String> seen = new HashSet<>();
        for (SeldonServer s : list) {
            if (!seen.add(s.getName())) {
                throw new IllegalArgumentException(Messages.SeldonGlobalConfiguration_duplicateName(s.getName()));
            }
        }
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Submitted submitted;
        try {
            submitted = req.bindJSON(Submitted.class, json);
            checkUnique(submitted.servers);
        } catch (IllegalArgumentException e) {
            // Stapler wraps what a constructor or setter refused; show the innermost reason.
            Throwable reason = e;
            while (reason.getCause() != null) {
                reason = reason.getCause();
            }
            throw new FormException(reason.getMessage(), e, "servers");
        }
        String chosen = chooseDefault(submitted.servers, submitted.defaultServer);
        if (chosen != null && submitted.servers.stream().noneMatch(s -> s.getName().equals(chosen))) {
            throw new FormException(Messages.SeldonGlobalConfiguration_unknownDefault(chosen), "defaultServer");
        }
        synchronized (this) {
            servers = submitted.servers;
            defaultServer = chosen;
        }
        save();
        return true;
    }

    /** The configure page's submission, bound completely before anything changes. */
    @Restricted(NoExternalUse.class)
    public static final class Submitted {
        private final List<SeldonServer> servers;
        private final String defaultServer;

        @DataBoundConstructor
        public Submitted(List<SeldonServer> servers, String defaultServer) {
            // An empty repeatable sends no key: no servers.
            this.servers = servers == null ? new ArrayList<>() : new ArrayList<>(servers);
            this.defaultServer = Util.fixEmptyAndTrim(defaultServer);
        }

        public List<SeldonServer> getServers() {
            return Collections.unmodifiableList(servers);
        }

        public String getDefaultServer() {
            return defaultServer;
        }
    }

    @CheckForNull
    public SeldonServer findServer(@CheckForNull String name) {
        String n = Util.fixEmptyAndTrim(name);
        return n == null ? null : servers.stream().filter(s -> s.getName().equals(n)).findFirst().orElse(null);
    }

    /**
     * The server a step names, or the default server when it names none.
     *
     * @throws AbortException listing the configured names when the choice is unknown or no default is chosen
     */
    public SeldonServer resolveServer(@CheckForNull String name) throws AbortException {
        String named = Util.fixEmptyAndTrim(name);
        List<SeldonServer> all;
        String wanted;
        // Both fields from one save: a save changes them together under this lock.
        synchronized (this) {
            all = servers;
            wanted = named != null ? named : defaultServer;
        }
        if (all.isEmpty()) {
            throw new AbortException(Messages.SeldonGlobalConfiguration_noServers());
        }
        if (wanted == null) {
            throw new AbortException(Messages.SeldonGlobalConfiguration_noDefault(names(all)));
        }
        return all.stream().filter(s -> s.getName().equals(wanted)).findFirst().orElseThrow(() -> new AbortException(
                Messages.SeldonGlobalConfiguration_unknownServer(wanted, names(all))));
    }

    private static String names(List<SeldonServer> all) {
        return all.stream().map(SeldonServer::getName).collect(Collectors.joining(", "));
    }

    /**
     * Drop-down items for a step's or build step's {@code server} field: the default (empty value) first, then every
     * server; a current value that names no configured server stays selected and is marked, so that saving a job
     * after a server was renamed does not silently switch it to the default.
     */
    public ListBoxModel serverItems(@CheckForNull String current) {
        ListBoxModel model = new ListBoxModel();
        String d = getDefaultServer();
        model.add(d == null ? Messages.SeldonGlobalConfiguration_noDefaultItem()
                : Messages.SeldonGlobalConfiguration_defaultItem(d), "");
        String c = Util.fixEmptyAndTrim(current);
        boolean known = false;
        for (SeldonServer s : servers) {
            boolean selected = s.getName().equals(c);
            known |= selected;
            model.add(new ListBoxModel.Option(s.getName(), s.getName(), selected));
        }
        if (c != null && !known) {
            model.add(new ListBoxModel.Option(Messages.SeldonGlobalConfiguration_unknownItem(c), c, true));
        }
        return model;
    }

    @POST
    public FormValidation doCheckDefaultServer(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String v = Util.fixEmptyAndTrim(value);
        if (v == null) {
            return servers.size() > 1 ? FormValidation.warning(Messages.SeldonGlobalConfiguration_noDefaultWarning())
                    : FormValidation.ok();
        }
        return findServer(v) != null ? FormValidation.ok()
                : FormValidation.warning(Messages.SeldonGlobalConfiguration_defaultNotSaved(v));
    }
}

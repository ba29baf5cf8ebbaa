package io.jenkins.plugins.seldon.build;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Api;
import hudson.model.Run;
import hudson.util.CopyOnWriteList;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.Change;
import io.jenkins.plugins.seldon.operations.LastWrite;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Every change this build made on Seldon servers, in order: creates, updates, unchanged applies, deletes, dry runs,
 * canary, shadow and promotion steps. Shown as a table on the build page with a summary on its main page, and exported
 * through the Jenkins REST API ({@code .../seldon/api/json}). A wait after an apply reads the last write of its
 * resource from here. Holds only plain values, escaped when shown.
 */
@ExportedBean
public final class SeldonChangesAction implements RunAction2 {

    // Copied on write: the build may be saved (serialised) while a step adds a change.
    private final CopyOnWriteList<Record> records = new CopyOnWriteList<>();
    private transient Run<?, ?> run;

    /** One change, as the build page and the REST API show it. */
    @ExportedBean(defaultVisibility = 2)
    public static final class Record implements Serializable {
        private static final long serialVersionUID = 1L;

        private final long atEpochMillis;
        private final String server;
        private final String action;
        private final boolean dryRun;
        private final String kind;
        private final String namespace;
        private final String name;
        private final String pipeline;
        private final String resourceVersion;
        private final String message;
        private final List<String> diff;

        Record(Instant at, String server, Change change) {
            this.atEpochMillis = at.toEpochMilli();
            this.server = server;
            this.action = change.action().text();
            this.dryRun = change.dryRun();
            this.kind = change.kind().kind();
            this.namespace = change.namespace();
            this.name = change.name();
            this.pipeline = change.pipeline();
            this.resourceVersion = change.resourceVersion();
            this.message = change.auditMessage();
            this.diff = new ArrayList<>(change.diff());
        }

        @Exported
        public long getTimestamp() {
            return atEpochMillis;
        }

        @Exported
        public String getServer() {
            return server;
        }

        /** E.g. {@code created}, {@code updated}, {@code unchanged}, {@code deleted}. */
        @Exported
        public String getAction() {
            return action;
        }

        @Exported
        public boolean isDryRun() {
            return dryRun;
        }

        /** E.g. {@code Pipeline}. */
        @Exported
        public String getKind() {
            return kind;
        }

        @Exported
        public String getNamespace() {
            return namespace;
        }

        @Exported
        public String getName() {
            return name;
        }

        /** For an Experiment, its main pipeline. */
        @CheckForNull
        @Exported
        public String getPipeline() {
            return pipeline;
        }

        @CheckForNull
        @Exported
        public String getResourceVersion() {
            return resourceVersion;
        }

        /** The audit (GitOps) message sent with the change. */
        @CheckForNull
        @Exported
        public String getMessage() {
            return message;
        }

        @Exported
        public List<String> getDiff() {
            return diff;
        }

        /** The name the API addresses the resource by. */
        String address() {
            return pipeline != null && kind.equals(ResourceKind.EXPERIMENT.kind()) ? pipeline : name;
        }
    }

    static void record(Run<?, ?> run, String server, Change change, Instant at) {
        SeldonChangesAction action;
        synchronized (run) {
            action = run.getAction(SeldonChangesAction.class);
            if (action == null) {
                action = new SeldonChangesAction();
                run.addAction(action);
            }
        }
        action.records.add(new Record(at, server, change));
    }

    /**
     * This build's last real create or update of the resource on this server, for a wait that follows: a 404 right
     * after a create may be a pending GitOps sync, and a status right after an update may still be the old one.
     */
    @CheckForNull
    static LastWrite lastWrite(Run<?, ?> run, String server, ResourceKind kind, String namespace, String address) {
        SeldonChangesAction action = run.getAction(SeldonChangesAction.class);
        if (action == null) {
            return null;
        }
        List<Record> records = action.records.getView();
        for (int i = records.size() - 1; i >= 0; i--) {
            Record r = records.get(i);
            if (!r.dryRun && r.server.equals(server) && r.kind.equals(kind.kind())
                    && Objects.equals(r.namespace, namespace) && r.address().equals(address)) {
                if (r.action.equals(Change.Action.CREATED.text())) {
                    return new LastWrite(LastWrite.Kind.CREATED, Instant.ofEpochMilli(r.atEpochMillis));
                }
                // A revert or restore replaces the spec as an update does.
                if (r.action.equals(Change.Action.UPDATED.text()) || r.action.equals(Change.Action.REVERTED.text())
                        || r.action.equals(Change.Action.RESTORED.text())) {
                    return new LastWrite(LastWrite.Kind.UPDATED, Instant.ofEpochMilli(r.atEpochMillis));
                }
            }
        }
        return null;
    }

    @Exported
    public List<Record> getChanges() {
        return records.getView();
    }

    /** For the summary on the build's main page, e.g. "2 updated, 1 unchanged". */
    public String getSummary() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Record r : records) {
            counts.merge(r.dryRun ? Messages.SeldonChangesAction_dryRun(r.action) : r.action, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((what, n) -> parts.add(n + " " + what));
        return String.join(", ", parts);
    }

    /** The REST API of this page: {@code .../seldon/api/json}. */
    public Api getApi() {
        return new Api(this);
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return Messages.SeldonChangesAction_displayName();
    }

    @Override
    public String getUrlName() {
        return "seldon";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** The build, for the page's side panel. */
    public Run<?, ?> getRun() {
        return run;
    }

    /** When the change was made, by the controller's clock, to the second. */
    public String time(Record r) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(
                Instant.ofEpochMilli(r.getTimestamp()).truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault()));
    }
}

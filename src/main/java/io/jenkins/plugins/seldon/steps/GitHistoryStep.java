package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.GitParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * The GitOps history of one resource of any kind ({@code kind:} {@code SeldonDeployment}, {@code Pipeline},
 * {@code Model} or {@code Experiment}, and {@code name:}, an Experiment's own): {@code seldonGetGitLog} lists its
 * commits, newest first, each logged as one line; {@code seldonGetGitDiff} returns what one commit ({@code hash:},
 * default the latest) changed, its {@code Diff} as plain text.
 */
public abstract class GitHistoryStep extends NamespaceStep<GitParameters> {

    /** As given, checked when the step starts, so that a wrong kind is a one-line failure. */
    private final String kind;

    protected GitHistoryStep(String namespace, String kind, String name) {
        super(new GitParameters(), namespace);
        this.kind = kind;
        ResourceKind.ofManifestKind(kind).ifPresent(parameters()::setKind);
        parameters().setName(name);
    }

    /** {@code SeldonDeployment}, {@code Pipeline}, {@code Model} or {@code Experiment}. */
    public String getKind() {
        return kind;
    }

    public String getName() {
        return parameters().getName();
    }

    /** Refuses an unknown kind before anything runs. */
    final void checkKind() throws AbortException {
        if (ResourceKind.ofManifestKind(kind).isEmpty()) {
            throw new AbortException(Messages.GitHistoryStep_kind(kind, Arrays.stream(ResourceKind.values())
                    .map(ResourceKind::kind).collect(Collectors.joining(", "))));
        }
    }

    /** The descriptors of the history steps. */
    abstract static class HistoryDescriptor extends SeldonStepDescriptor {

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return label(namedArgs, List.of("namespace", "name"));
        }

        @POST
        public ListBoxModel doFillKindItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (OperationForms.mayRead(item)) {
                for (ResourceKind k : ResourceKind.values()) {
                    model.add(k.kind(), k.kind());
                }
            }
            return model;
        }
    }

    /** {@code seldonGetGitLog}: a resource's commits, newest first, as a list of maps. */
    public static final class Log extends GitHistoryStep {
        @DataBoundConstructor
        public Log(String namespace, String kind, String name) {
            super(namespace, kind, name);
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            checkKind();
            return new OperationExecution<GitParameters, List<Object>>(context, parameters(),
                    (p, session, ctx) -> session.gitLog(p));
        }

        @Extension
        public static final class DescriptorImpl extends HistoryDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonGetGitLog";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.GitHistoryStep_Log_displayName();
            }
        }
    }

    /** {@code seldonGetGitDiff}: what one commit changed in a resource, as a map. */
    public static final class Diff extends GitHistoryStep {
        @DataBoundConstructor
        public Diff(String namespace, String kind, String name) {
            super(namespace, kind, name);
        }

        /** The commit; empty for the resource's latest. */
        @CheckForNull
        public String getHash() {
            return parameters().getHash();
        }

        @DataBoundSetter
        public void setHash(String hash) {
            parameters().setHash(hash);
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            checkKind();
            return new OperationExecution<GitParameters, Map<String, Object>>(context, parameters(),
                    (p, session, ctx) -> session.gitDiff(p));
        }

        @Extension
        public static final class DescriptorImpl extends HistoryDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonGetGitDiff";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.GitHistoryStep_Diff_displayName();
            }
        }
    }
}

package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.operations.parameters.ServerParameters;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code seldonWhoAmI()}: who the build is to a Seldon server (the user or service account, and its groups) and what
 * the server runs, for diagnostics. Returns a map ({@code server}, {@code apiUrl}, {@code user}, {@code version},
 * {@code release}, {@code supported}) and logs one line; warns when the server runs a release older than the plugin
 * supports.
 */
public final class WhoAmIStep extends SeldonStep<ServerParameters> {

    @DataBoundConstructor
    public WhoAmIStep() {
        super(new ServerParameters());
    }

    @Override
    public StepExecution start(StepContext context) {
        return new OperationExecution<ServerParameters, Map<String, Object>>(context, parameters(),
                (p, session, ctx) -> session.whoAmI());
    }

    @Extension
    public static final class DescriptorImpl extends SeldonStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonWhoAmI";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WhoAmIStep_displayName();
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return label(namedArgs, List.of("server"));
        }
    }
}

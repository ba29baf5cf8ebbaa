package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.LoadTestParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Load tests of a SeldonDeployment ({@code deployment:}) or a Pipeline ({@code pipeline:}): {@code
 * seldonCreateLoadTest} starts one that repeats a payload, {@code seldonListLoadTests} and
 * {@code seldonDeleteLoadTest} list and delete them. The API answers each with a message only and has no status or
 * result of a single job: results are read in the platform's UI.
 */
public abstract class LoadTestStep extends ServingStep<LoadTestParameters> {

    protected LoadTestStep(String namespace) {
        super(new LoadTestParameters(), namespace);
    }

    /** {@code seldonCreateLoadTest}: the server's message, as a map. */
    public static final class Create extends LoadTestStep {
        @DataBoundConstructor
        public Create(String namespace) {
            super(namespace);
        }

        @CheckForNull
        public Map<String, Object> getPayload() {
            return parameters().getPayload();
        }

        @DataBoundSetter
        public void setPayload(Map<String, Object> payload) {
            parameters().setPayload(payload);
        }

        @CheckForNull
        public String getJson() {
            return parameters().getJson();
        }

        @DataBoundSetter
        public void setJson(String json) {
            parameters().setJson(json);
        }

        @CheckForNull
        public String getFile() {
            return parameters().getFile();
        }

        @DataBoundSetter
        public void setFile(String file) {
            parameters().setFile(file);
        }

        @CheckForNull
        public Integer getConnections() {
            return parameters().getConnections();
        }

        @DataBoundSetter
        public void setConnections(Integer connections) {
            parameters().setConnections(connections);
        }

        @CheckForNull
        public Integer getRequests() {
            return parameters().getRequests();
        }

        @DataBoundSetter
        public void setRequests(Integer requests) {
            parameters().setRequests(requests);
        }

        /** Seconds. */
        @CheckForNull
        public Integer getDuration() {
            return parameters().getDuration();
        }

        @DataBoundSetter
        public void setDuration(Integer duration) {
            parameters().setDuration(duration);
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            checkAtStart(parameters(), context);
            try {
                parameters().validateCreate(FieldLabels.PIPELINE);
            } catch (InvalidInputException e) {
                throw Failures.abort(e);
            }
            return new OperationExecution<LoadTestParameters, Map<String, Object>>(context, parameters(),
                    (p, session, ctx) -> session.createLoadTest(p, ctx.get(FilePath.class)));
        }

        @Extension
        public static final class DescriptorImpl extends ServingDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonCreateLoadTest";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.LoadTestStep_Create_displayName();
            }
        }
    }

    /** {@code seldonListLoadTests}: the API's message, as a map. */
    public static final class List extends LoadTestStep {
        @DataBoundConstructor
        public List(String namespace) {
            super(namespace);
        }

        @Override
        public StepExecution start(StepContext context) {
            return new OperationExecution<LoadTestParameters, Map<String, Object>>(context, parameters(),
                    (p, session, ctx) -> session.listLoadTests(p));
        }

        @Extension
        public static final class DescriptorImpl extends ServingDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonListLoadTests";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.LoadTestStep_List_displayName();
            }
        }
    }

    /** {@code seldonDeleteLoadTest}: whether it existed. */
    public static final class Delete extends LoadTestStep {
        @DataBoundConstructor
        public Delete(String namespace, String job) {
            super(namespace);
            parameters().setJob(job);
        }

        public String getJob() {
            return parameters().getJob();
        }

        public boolean isAllowMissing() {
            return parameters().isAllowMissing();
        }

        @DataBoundSetter
        public void setAllowMissing(boolean allowMissing) {
            parameters().setAllowMissing(allowMissing);
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            try {
                parameters().validateDelete(FieldLabels.PIPELINE);
            } catch (InvalidInputException e) {
                throw Failures.abort(e);
            }
            return new OperationExecution<LoadTestParameters, Boolean>(context, parameters(),
                    (p, session, ctx) -> session.deleteLoadTest(p));
        }

        @Extension
        public static final class DescriptorImpl extends ServingDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonDeleteLoadTest";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.LoadTestStep_Delete_displayName();
            }
        }
    }
}

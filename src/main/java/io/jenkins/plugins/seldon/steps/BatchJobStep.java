package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.operations.parameters.BatchJobParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonRunBatchJob(namespace: 'models', deployment: 'iris', definition: [inputData: ..., outputData: ...])}:
 * starts a batch job through a SeldonDeployment or a Pipeline, from its definition (a map, {@code json:} text or a
 * workspace {@code file:}), and waits until it ends: returns its final status as a map when it succeeds, fails naming
 * the phase and the workflow when it ends in {@code Failed} or {@code Error} or the timeout (seconds, default an hour)
 * passes. Holds no executor while it waits, and resumes after a controller restart with the same deadline
 * ({@link BatchJobExecution}).
 */
public final class BatchJobStep extends ServingStep<BatchJobParameters> {

    @DataBoundConstructor
    public BatchJobStep(String namespace) {
        super(new BatchJobParameters(), namespace);
    }

    @CheckForNull
    public Map<String, Object> getDefinition() {
        return parameters().getDefinition();
    }

    @DataBoundSetter
    public void setDefinition(Map<String, Object> definition) {
        parameters().setDefinition(definition);
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

    /** Seconds. */
    public int getTimeout() {
        return parameters().getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        parameters().setTimeout(timeout);
    }

    /** Seconds between polls. */
    public int getPollInterval() {
        return parameters().getPollInterval();
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        parameters().setPollInterval(pollInterval);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        BatchJobParameters p = parameters();
        checkAtStart(p, context);
        Target target = Target.of(p, context);
        return new BatchJobExecution(context, target.server(), target.credentialsId(), p);
    }

    @Extension
    public static final class DescriptorImpl extends ServingDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonRunBatchJob";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BatchJobStep_displayName();
        }
    }
}

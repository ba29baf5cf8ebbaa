package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.BatchJobWait;
import io.jenkins.plugins.seldon.operations.parameters.BatchJobParameters;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import java.io.IOException;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Runs a batch job through a SeldonDeployment or a Pipeline and waits for its end, failing the build when it ends in
 * {@code Failed} or {@code Error} or does not end in time: the freestyle form of {@code seldonRunBatchJob}. A freestyle
 * build holds its executor anyway, so this polls in a loop; aborting the build stops the wait (not the job, which the
 * API cannot stop).
 */
public final class SeldonBatchJobBuilder extends ServingBuilder<BatchJobParameters> {

    @DataBoundConstructor
    public SeldonBatchJobBuilder(String namespace, String target) {
        super(new BatchJobParameters(), namespace, target);
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

    public int getTimeout() {
        return parameters().getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        parameters().setTimeout(timeout);
    }

    public int getPollInterval() {
        return parameters().getPollInterval();
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        parameters().setPollInterval(pollInterval);
    }

    @Override
    protected FieldLabels labels() {
        FieldLabels serving = super.labels();
        return field -> switch (field) {
            case "json" -> Messages.Field_definition();
            case "file" -> Messages.Field_definitionFile();
            default -> serving.of(field);
        };
    }

    @Override
    protected void perform(BatchJobParameters p, SeldonSession session, @CheckForNull FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        BatchJobWait job = session.startBatchJob(p, workspace);
        session.batchJobs().await(job, p.timeout(), p.pollInterval());
    }

    @Extension
    public static final class DescriptorImpl extends ServingBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonBatchJobBuilder_displayName();
        }
    }
}

package org.jenkinsci.plugins.workflow.job;

import hudson.model.Queue.Executable;
import hudson.model.Run;
import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements Executable {
    public WorkflowRun(WorkflowJob job) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public HttpResponse doStop() {
        throw new UnsupportedOperationException("stand-in");
    }
}

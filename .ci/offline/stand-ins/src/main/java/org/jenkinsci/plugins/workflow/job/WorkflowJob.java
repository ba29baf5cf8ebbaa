package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import hudson.model.queue.QueueTaskFuture;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun> implements TopLevelItem {
    public WorkflowJob(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException("stand-in");
    }

    public WorkflowRun getBuildByNumber(int n) {
        throw new UnsupportedOperationException("stand-in");
    }

    public @CheckForNull QueueTaskFuture<WorkflowRun> scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("stand-in");
    }
}

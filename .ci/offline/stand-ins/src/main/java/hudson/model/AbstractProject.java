package hudson.model;

import hudson.model.queue.QueueTaskFuture;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
    public QueueTaskFuture<R> scheduleBuild2(int quietPeriod) {
        throw new UnsupportedOperationException("stand-in");
    }
}

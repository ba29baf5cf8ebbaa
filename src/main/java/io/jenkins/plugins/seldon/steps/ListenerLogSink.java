package io.jenkins.plugins.seldon.steps;

import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.operations.LogSink;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** Operation progress into the build log, prefixed so users see which plugin spoke. */
@Restricted(NoExternalUse.class)
public final class ListenerLogSink implements LogSink {

    private final TaskListener listener;

    public ListenerLogSink(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void info(String line) {
        listener.getLogger().println("[Seldon] " + line);
    }

    @Override
    public void warn(String line) {
        listener.getLogger().println("[Seldon] WARNING: " + line);
    }
}

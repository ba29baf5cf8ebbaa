package io.jenkins.plugins.seldon.build;

import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.operations.LogSink;

/** Operation progress into the build log, prefixed so users see which plugin spoke. */
public final class BuildLog implements LogSink {

    private final TaskListener listener;

    public BuildLog(TaskListener listener) {
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

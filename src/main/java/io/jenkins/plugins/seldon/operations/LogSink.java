package io.jenkins.plugins.seldon.operations;

/**
 * Where operations report progress: the build log in Jenkins, a list in tests. Lines are complete sentences without
 * a trailing newline and never contain a secret.
 */
public interface LogSink {

    void info(String line);

    void warn(String line);

    /** Discards everything, for callers that have no log. */
    LogSink NONE = new LogSink() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {}
    };
}

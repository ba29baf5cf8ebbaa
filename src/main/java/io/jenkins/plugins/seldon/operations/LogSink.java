package io.jenkins.plugins.seldon.operations;

/**
 * Where operations report progress: the build log in Jenkins, a list in tests. Lines are complete sentences without
 * a trailing newline and never contain a secret.
 */
public interface LogSink {

    void info(String line);

    void warn(String line);
}

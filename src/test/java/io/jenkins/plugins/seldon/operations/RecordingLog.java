package io.jenkins.plugins.seldon.operations;

import java.util.ArrayList;
import java.util.List;

/** Collects log lines, warnings prefixed with {@code WARN }. */
final class RecordingLog implements LogSink {

    final List<String> lines = new ArrayList<>();

    @Override
    public void info(String line) {
        lines.add(line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }
}

package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.console.ConsoleLogFilter;

public abstract class BodyInvoker {
    public abstract BodyInvoker withContext(Object override);

    public BodyInvoker withContexts(Object... overrides) {
        throw new UnsupportedOperationException("stand-in");
    }

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();

    public static ConsoleLogFilter mergeConsoleLogFilters(@CheckForNull ConsoleLogFilter original,
            @NonNull ConsoleLogFilter subsequent) {
        throw new UnsupportedOperationException("stand-in");
    }
}

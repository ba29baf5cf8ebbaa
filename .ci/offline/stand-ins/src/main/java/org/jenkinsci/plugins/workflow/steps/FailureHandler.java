package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

@FunctionalInterface
public interface FailureHandler extends Serializable {
    @NonNull
    Throwable handle(@NonNull StepContext ctx, @NonNull Throwable t);

    static FailureHandler merge(@CheckForNull FailureHandler original, @NonNull FailureHandler subsequent) {
        throw new UnsupportedOperationException("stand-in");
    }
}

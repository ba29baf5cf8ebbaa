package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;

public abstract class EnvironmentExpander implements Serializable {
    public abstract void expand(@NonNull EnvVars env) throws IOException, InterruptedException;

    public @NonNull Set<String> getSensitiveVariables() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static @NonNull EnvironmentExpander constant(@NonNull java.util.Map<String, String> env) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static @CheckForNull EnvironmentExpander merge(@CheckForNull EnvironmentExpander original,
            @CheckForNull EnvironmentExpander subsequent) {
        throw new UnsupportedOperationException("stand-in");
    }
}

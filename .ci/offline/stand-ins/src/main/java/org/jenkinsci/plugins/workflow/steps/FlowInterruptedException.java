package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;
import java.util.List;
import jenkins.model.CauseOfInterruption;

public final class FlowInterruptedException extends InterruptedException {
    public FlowInterruptedException(@NonNull Result result, boolean actualInterruption,
            @NonNull CauseOfInterruption... causes) {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull Result getResult() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @NonNull List<CauseOfInterruption> getCauses() {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean isActualInterruption() {
        throw new UnsupportedOperationException("stand-in");
    }
}

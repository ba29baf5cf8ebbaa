package org.jenkinsci.plugins.workflow.steps;

public final class FlowInterruptedException extends InterruptedException {
    // Only the type is needed here; the real constructors take Jenkins' causes of interruption.
    private FlowInterruptedException() {
        throw new UnsupportedOperationException("stand-in");
    }
}

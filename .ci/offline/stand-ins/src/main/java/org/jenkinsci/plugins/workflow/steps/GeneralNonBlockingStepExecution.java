package org.jenkinsci.plugins.workflow.steps;


public abstract class GeneralNonBlockingStepExecution extends StepExecution {
    protected GeneralNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    @FunctionalInterface
    protected interface Block {
        void run() throws Exception;
    }

    protected final void run(Block block) {
        throw new UnsupportedOperationException("stand-in");
    }
}

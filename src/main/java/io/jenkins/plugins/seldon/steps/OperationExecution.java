package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.config.SeldonServer;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.OperationParameters;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one short operation off the CPS thread: checks the parameters, opens a session on the step's (or the enclosing
 * block's) server, calls the operation. Not resumable across a restart: the step then fails and can be retried.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "Not resumable: after a restart the execution fails instead of running the call")
final class OperationExecution<P extends OperationParameters, T> extends SynchronousNonBlockingStepExecution<T> {

    private static final long serialVersionUID = 1L;

    /** The operation itself, given the checked parameters and an open session. */
    @FunctionalInterface
    interface Operation<P, T> {
        T run(P parameters, SeldonSession session, StepContext context) throws Exception;
    }

    private final transient P parameters;
    private final transient SeldonServer.Purpose purpose;
    private final transient Operation<P, T> operation;

    OperationExecution(StepContext context, P parameters, Operation<P, T> operation) {
        this(context, parameters, SeldonServer.Purpose.OPERATIONS, operation);
    }

    /** @param purpose what the session connects for, e.g. {@link SeldonServer.Purpose#API_CALL} */
    OperationExecution(StepContext context, P parameters, SeldonServer.Purpose purpose, Operation<P, T> operation) {
        super(context);
        this.parameters = parameters;
        this.purpose = purpose;
        this.operation = operation;
    }

    @Override
    protected T run() throws Exception {
        StepContext context = getContext();
        try {
            parameters.validate(FieldLabels.PIPELINE);
            SeldonStep.Target target = SeldonStep.Target.of(parameters, context);
            SeldonSession session = SeldonSession.open(target.server(), target.credentialsId(), purpose,
                    context.get(Run.class), context.get(TaskListener.class));
            return operation.run(parameters, session, context);
        } catch (IOException | IllegalArgumentException e) {
            throw (Exception) Failures.forBuild(e);
        }
    }
}

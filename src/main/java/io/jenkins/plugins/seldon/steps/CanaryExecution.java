package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.GatedRollout;
import io.jenkins.plugins.seldon.operations.Manifests;
import io.jenkins.plugins.seldon.operations.RolloutState;
import io.jenkins.plugins.seldon.operations.parameters.CanaryParameters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs a canary gated by the step's block through the phases of {@link GatedRollout}, persisting its
 * {@link RolloutState} with this execution so that whatever happens, what was started can be cleaned up:
 * <ul>
 *   <li>starting and waiting until the candidate is ready run on a background thread, never on the CPS VM thread;</li>
 *   <li>the block runs as the gate, with the names and, where the server has the cluster's inference URL, the URL and
 *       headers to reach the candidate directly;</li>
 *   <li>the block passed: the canary is promoted; the promotion failed: the canary is removed and the step fails;</li>
 *   <li>the block failed, the build was aborted or the start failed: the canary is removed (the main version serves
 *       all traffic) and the step fails with the original failure;</li>
 *   <li>the controller restarted: during the block, the block resumes as it does anyway and its outcome decides;
 *       while the canary was being started, promoted or removed, it is removed and the step fails saying so.</li>
 * </ul>
 * Every roll-back ends with one log line saying exactly what state it left; every change is on the build page.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "Nothing runs in the background after a restart until onResume decides")
final class CanaryExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    /** Where the rollout is; only the gate survives a restart as it is. */
    private enum Phase { STARTING, GATE, FINISHING, DONE }

    /** The step's server, or null for the default, until first connected; then the one connected to. */
    @CheckForNull
    private volatile String server;
    @CheckForNull
    private final String credentialsId;
    private final CanaryParameters parameters;

    /** Guarded by this; null until planned. */
    @CheckForNull
    private RolloutState state;
    /** Guarded by this. */
    private Phase phase = Phase.STARTING;

    /** Guarded by this: the background work under way, the running gate, why the step was stopped. */
    private transient Future<?> task;
    private transient BodyExecution gate;
    private transient Throwable stopCause;

    CanaryExecution(StepContext context, @CheckForNull String server, @CheckForNull String credentialsId,
            CanaryParameters parameters) {
        super(context);
        this.server = server;
        this.credentialsId = credentialsId;
        this.parameters = parameters;
    }

    /** Blocking calls (credentials, the API, waits) run here; a daemon pool of this plugin's own. */
    private static final class Threads {
        static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "Seldon canary");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean start() {
        background(this::begin);
        return false;
    }

    private synchronized void background(Runnable work) {
        task = Threads.POOL.submit(work);
    }

    private SeldonSession open() throws IOException, InterruptedException {
        StepContext context = getContext();
        SeldonSession session = SeldonSession.open(server, credentialsId, context.get(Run.class),
                context.get(TaskListener.class));
        // A restart and every later phase use the same server, even if the default changed meanwhile.
        server = session.server().getName();
        return session;
    }

    private synchronized RolloutState state() {
        return state;
    }

    private synchronized void setState(RolloutState next) {
        state = next;
    }

    private synchronized void checkNotStopped() throws InterruptedException {
        if (stopCause != null) {
            throw new InterruptedException();
        }
    }

    /** On a background thread: plans, starts, waits until the candidate is ready, then runs the gate. */
    private void begin() {
        SeldonSession session = null;
        try {
            session = open();
            List<Manifests.Document> documents = SeldonSession.documents(parameters,
                    getContext().get(FilePath.class), UnaryOperator.identity());
            // From here on, a roll-back knows what to clean up, whatever happens next.
            setState(GatedRollout.plan(parameters.getKind(), parameters.getNamespace(), parameters.getTarget(),
                    parameters.getCandidate(), parameters.getWeight(), documents));
            checkNotStopped();
            GatedRollout rollout = session.gatedRollout(parameters.getMessage());
            GatedRollout.Result started = rollout.start(state(), documents);
            started.changes().forEach(session::record);
            setState(started.state());
            session.log().info(started.summary());
            checkNotStopped();
            GatedRollout.Result ready = rollout.awaitReady(state(), parameters.timeout(), parameters.pollInterval());
            setState(ready.state());
            session.log().info(ready.summary());
            runGate(session, ready.state());
        } catch (Throwable t) {
            rollBackAndFail(session, t, Messages.CanaryExecution_startFailed());
        }
    }

    private void runGate(SeldonSession session, RolloutState ready) throws IOException, InterruptedException {
        Map<String, String> environment = new TreeMap<>(GatedRollout.gateEnvironment(ready,
                session.server().inferenceUri()));
        StepContext context = getContext();
        session.log().info(Messages.CanaryExecution_gate(ready, String.join(", ", environment.keySet())));
        synchronized (this) {
            checkNotStopped();
            phase = Phase.GATE;
            gate = context.newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(context.get(EnvironmentExpander.class),
                            new GateEnvironment(environment)))
                    .withCallback(new Gate(this))
                    .start();
        }
    }

    /**
     * The gate's verdict; called on the CPS VM thread, so the work it starts runs in the background. Saved with the
     * Pipeline program, as is the execution it refers to.
     */
    private static final class Gate extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;
        private final CanaryExecution execution;

        Gate(CanaryExecution execution) {
            this.execution = execution;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            if (execution.leaveGate()) {
                execution.background(() -> execution.promote(result));
            }
        }

        @Override
        public void onFailure(StepContext context, Throwable failure) {
            if (execution.leaveGate()) {
                execution.background(() -> execution.rollBackAndFail(null, failure,
                        Messages.CanaryExecution_gateFailed()));
            }
        }
    }

    private synchronized boolean leaveGate() {
        if (phase != Phase.GATE) {
            return false;
        }
        phase = Phase.FINISHING;
        gate = null;
        return true;
    }

    private void promote(Object gateResult) {
        SeldonSession session = null;
        try {
            session = open();
            GatedRollout.Result promoted = session.gatedRollout(parameters.getMessage()).promote(state());
            promoted.changes().forEach(session::record);
            setState(promoted.state());
            session.log().info(promoted.summary());
            succeed(gateResult);
        } catch (Throwable t) {
            rollBackAndFail(session, t, Messages.CanaryExecution_promotionFailed());
        }
    }

    /**
     * Removes the canary as far as it can, logs the state it left, and fails the step with {@code failure} (the
     * reason the step was stopped, if it was). Runs on a background thread; an interrupt that stopped the work before
     * is cleared first, since the roll-back has to talk to the server.
     *
     * @param session the session to roll back with, or null to open one
     */
    private void rollBackAndFail(@CheckForNull SeldonSession session, Throwable failure, String reason) {
        Thread.interrupted();
        Throwable cause;
        synchronized (this) {
            cause = stopCause != null ? stopCause : failure;
        }
        RolloutState s = state();
        if (s != null && s.phase() != RolloutState.Phase.PROMOTED && s.phase() != RolloutState.Phase.ROLLED_BACK) {
            try {
                SeldonSession rollBack = session != null ? session : open();
                GatedRollout.Result result = rollBack.gatedRollout(parameters.getMessage()).rollBack(s,
                        reason + ": " + describe(cause));
                result.changes().forEach(rollBack::record);
                setState(result.state());
            } catch (IOException | InterruptedException | RuntimeException e) {
                // Nothing could be sent: say what is left, as a roll-back that fails does.
                try {
                    getContext().get(TaskListener.class).getLogger().println("[Seldon] WARNING: "
                            + Messages.CanaryExecution_rollBackImpossible(s, describe(e)));
                } catch (IOException | InterruptedException ignored) {
                    // The log is gone too; the failure below still reports the cause.
                }
                cause.addSuppressed(e);
            }
        }
        fail(cause);
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private void succeed(Object result) {
        synchronized (this) {
            if (phase == Phase.DONE) {
                return;
            }
            phase = Phase.DONE;
        }
        getContext().onSuccess(result);
    }

    private void fail(Throwable failure) {
        synchronized (this) {
            if (phase == Phase.DONE) {
                return;
            }
            phase = Phase.DONE;
        }
        getContext().onFailure(Failures.forBuild(failure));
    }

    /**
     * Stops the rollout: a running gate is cancelled (its failure then rolls the canary back); background work is
     * interrupted (and rolls back); otherwise the roll-back starts here. The step completes once the roll-back has
     * said what it left.
     */
    @Override
    public void stop(@NonNull Throwable cause) {
        synchronized (this) {
            if (phase == Phase.DONE) {
                return;
            }
            stopCause = cause;
            if (phase == Phase.GATE) {
                if (gate != null) {
                    gate.cancel(cause);
                }
                return;
            }
            if (task != null && !task.isDone()) {
                task.cancel(true);
                return;
            }
        }
        background(() -> rollBackAndFail(null, cause, Messages.CanaryExecution_stopped()));
    }

    @Override
    public void onResume() {
        Phase resumed;
        synchronized (this) {
            resumed = phase;
        }
        if (resumed == Phase.STARTING || resumed == Phase.FINISHING) {
            AbortException restarted = new AbortException(Messages.CanaryExecution_restarted());
            background(() -> rollBackAndFail(null, restarted, Messages.CanaryExecution_restarted()));
        }
    }

    @NonNull
    @Override
    public synchronized String getStatus() {
        return phase + (state == null ? "" : ": " + state);
    }

    /** The gate's variables; none is secret. */
    private static final class GateEnvironment extends EnvironmentExpander {
        private static final long serialVersionUID = 1L;
        private final TreeMap<String, String> values;

        GateEnvironment(Map<String, String> values) {
            this.values = new TreeMap<>(values);
        }

        @Override
        public void expand(@NonNull EnvVars env) {
            env.overrideAll(values);
        }
    }
}

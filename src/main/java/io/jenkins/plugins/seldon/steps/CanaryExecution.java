package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.seldon.build.BuildLog;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.operations.GatedRollout;
import io.jenkins.plugins.seldon.operations.Manifests;
import io.jenkins.plugins.seldon.operations.RolloutState;
import io.jenkins.plugins.seldon.operations.parameters.CanaryParameters;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.springframework.security.core.Authentication;

/**
 * Runs a canary gated by the step's block through the phases of {@link GatedRollout}, saving its
 * {@link RolloutState} with the Pipeline program after each change, so that what was started can be cleaned up:
 * <ul>
 *   <li>starting, waiting until the candidate is ready, promoting and rolling back run on background threads, never
 *       on the CPS VM thread; a safe restart waits while a write is in flight;</li>
 *   <li>the block runs as the gate, with the names and, where the server has the cluster's inference URL, the URL and
 *       headers to reach the candidate directly;</li>
 *   <li>the gate passed (the block ended normally and left the build's result as it was): the canary is promoted; the
 *       promotion failed: the canary is removed and the step fails;</li>
 *   <li>the gate failed (the block threw, or made the build worse, e.g. UNSTABLE through failed tests or ABORTED
 *       through a caught abort), the build was aborted or the start failed: the canary is removed (the main version
 *       serves all traffic) and the step fails;</li>
 *   <li>the controller restarted: during the block, the block resumes as it does anyway and its outcome decides;
 *       while the canary was being started, promoted or removed, it is removed and the step fails saying so.</li>
 * </ul>
 * A roll-back is never interrupted by a further stop: it ends with one log line saying exactly what state it left.
 * Every change is on the build page.
 */
@SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "Nothing runs in the background after a restart until onResume decides")
final class CanaryExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(CanaryExecution.class.getName());

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
    /** Guarded by this: the build's result when the gate started, to see whether the gate made it worse. */
    @CheckForNull
    private Result resultBeforeGate;
    /** Guarded by this: the running gate; saved with the program, so that it can be stopped after a restart too. */
    @CheckForNull
    private BodyExecution gate;

    /** Guarded by this: the thread doing background work, work queued, why the step was stopped, a roll-back. */
    private transient Thread worker;
    private transient int pending;
    private transient Throwable stopCause;
    private transient boolean rollingBack;

    CanaryExecution(StepContext context, @CheckForNull String server, @CheckForNull String credentialsId,
            CanaryParameters parameters) {
        super(context);
        this.server = server;
        this.credentialsId = credentialsId;
        this.parameters = parameters;
    }

    /** Blocking calls (credentials, the API, waits) run here, as Jenkins' own non-blocking steps do theirs. */
    private static final class Threads {
        static final ExecutorService POOL = Executors.newCachedThreadPool(new NamingThreadFactory(
                new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "seldonCanary"));
    }

    @Override
    public boolean start() {
        background(this::begin);
        return false;
    }

    /** Runs {@code work} on a background thread as the build's authentication, noting the thread for stop(). */
    private void background(Runnable work) {
        Authentication auth = Jenkins.getAuthentication2();
        synchronized (this) {
            pending++;
        }
        Threads.POOL.execute(() -> {
            synchronized (this) {
                pending--;
                worker = Thread.currentThread();
            }
            try (ACLContext ignored = ACL.as2(auth)) {
                work.run();
            } finally {
                synchronized (this) {
                    worker = null;
                }
            }
        });
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

    /** Notes the new state and saves the program, so that a restart, even after a crash, knows what was started. */
    private void setState(RolloutState next) {
        synchronized (this) {
            state = next;
        }
        try {
            getContext().saveState().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.log(Level.WARNING, "Could not save the state of " + next, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            checkNotStopped();
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
        Run<?, ?> run = context.get(Run.class);
        session.log().info(Messages.CanaryExecution_gate(ready, String.join(", ", environment.keySet())));
        synchronized (this) {
            checkNotStopped();
            phase = Phase.GATE;
            resultBeforeGate = run.getResult();
            gate = context.newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(context.get(EnvironmentExpander.class),
                            EnvironmentExpander.constant(environment)))
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
                execution.background(() -> execution.finishGate(result));
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

    /**
     * The block ended normally: promotes, unless the block made the build's result worse (tests recorded as failed,
     * {@code catchError}, an abort the script caught), which fails the gate.
     */
    private void finishGate(Object gateResult) {
        Result before;
        synchronized (this) {
            before = resultBeforeGate;
        }
        Result now;
        try {
            now = getContext().get(Run.class).getResult();
        } catch (IOException | InterruptedException e) {
            rollBackAndFail(null, e, Messages.CanaryExecution_gateFailed());
            return;
        }
        if (now != null && (before == null || now.isWorseThan(before))) {
            AbortException worse = new AbortException(Messages.CanaryExecution_gateResultWorse(now));
            rollBackAndFail(null, worse, Messages.CanaryExecution_resultWorse(now));
            return;
        }
        SeldonSession session = null;
        try {
            checkNotStopped();
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
     * reason the step was stopped, if it was). Runs on a background thread, which a stop no longer interrupts; an
     * interrupt that stopped the work before is cleared first, since the roll-back has to talk to the server.
     *
     * @param session the session to roll back with, or null to open one
     */
    private void rollBackAndFail(@CheckForNull SeldonSession session, Throwable failure, String reason) {
        Throwable cause;
        synchronized (this) {
            rollingBack = true;
            cause = stopCause != null ? stopCause : failure;
        }
        Thread.interrupted();
        try {
            RolloutState s = state();
            if (s == null) {
                log(Messages.CanaryExecution_nothingStarted());
            } else if (s.phase() != RolloutState.Phase.PROMOTED && s.phase() != RolloutState.Phase.ROLLED_BACK) {
                rollBack(session, s, reason + ": " + describe(cause), cause);
            }
        } finally {
            fail(cause);
        }
    }

    private void rollBack(@CheckForNull SeldonSession session, RolloutState s, String reason, Throwable cause) {
        try {
            SeldonSession rollBack = session != null ? session : open();
            GatedRollout.Result result = rollBack.gatedRollout(parameters.getMessage()).rollBack(s, reason);
            result.changes().forEach(rollBack::record);
            setState(result.state());
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Nothing could be sent: say what is left, as a roll-back that fails does.
            log(Messages.CanaryExecution_rollBackImpossible(s, describe(e)));
            cause.addSuppressed(e);
        }
    }

    private void log(String warning) {
        try {
            new BuildLog(getContext().get(TaskListener.class)).warn(warning);
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.WARNING, warning, e);
        }
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
     * interrupted (and rolls back), or sees the stop when it starts; a roll-back under way is let finish, since
     * interrupting it would leave the canary serving. Otherwise the roll-back starts here.
     */
    @Override
    public void stop(@NonNull Throwable cause) {
        synchronized (this) {
            if (phase == Phase.DONE) {
                return;
            }
            if (stopCause == null) {
                stopCause = cause;
            }
            if (rollingBack) {
                return;
            }
            if (phase == Phase.GATE) {
                if (gate != null) {
                    gate.cancel(cause);
                }
                return;
            }
            if (worker != null) {
                worker.interrupt();
                return;
            }
            if (pending > 0) {
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

    /** A safe restart waits while a write is in flight: starting the canary, promoting it, rolling it back. */
    @Override
    public synchronized boolean blocksRestart() {
        boolean writing = phase == Phase.STARTING && (state == null || state.phase() == RolloutState.Phase.PLANNED);
        return (worker != null || pending > 0) && (writing || phase == Phase.FINISHING || rollingBack);
    }

    @NonNull
    @Override
    public synchronized String getStatus() {
        return phase + (state == null ? "" : ": " + state);
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }
}

package io.jenkins.plugins.seldon.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.Names;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.Readiness;
import io.jenkins.plugins.seldon.operations.ResourceWait;
import io.jenkins.plugins.seldon.operations.WaitProgress;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonWaitForDeployment(namespace: 'ns', name: 'x', timeout: 600)}: waits until the deployment is Available
 * and returns it; fails when it stays Failed over consecutive polls or the timeout (seconds) passes. Holds no executor
 * and no CPS thread: polls with non-blocking calls on the shared timer, and resumes after a controller restart with
 * the same absolute deadline.
 */
public final class WaitForDeploymentStep extends DeploymentStep {

    public static final int DEFAULT_TIMEOUT_SECONDS = 600;
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 10;

    private int timeout = DEFAULT_TIMEOUT_SECONDS;
    private int pollInterval = DEFAULT_POLL_INTERVAL_SECONDS;

    @DataBoundConstructor
    public WaitForDeploymentStep(String namespace, String name) {
        super(namespace, name);
    }

    /** Seconds. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        if (timeout < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 second");
        }
        this.timeout = timeout;
    }

    /** Seconds between polls. */
    public int getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        if (pollInterval < 1) {
            throw new IllegalArgumentException("pollInterval must be at least 1 second");
        }
        this.pollInterval = pollInterval;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Target target = target(context);
        return new Execution(context, target.server(), target.credentialsId(), Names.checkNamespace(getNamespace()),
                Names.checkName(ResourceKind.SELDON_DEPLOYMENT, getName()), Duration.ofSeconds(timeout),
                Duration.ofSeconds(pollInterval));
    }

    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "After a restart nothing is scheduled or in flight until onResume schedules a poll")
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(WaitForDeploymentStep.class.getName());

        private final String server;
        private final String credentialsId;
        private final Duration timeout;
        private final long pollMillis;
        private final Readiness readiness;
        /** Null until {@link #start()}; holds the absolute deadline, persisted with the program. */
        private volatile WaitProgress progress;

        private transient volatile boolean done;
        private transient Future<?> scheduled;
        private transient CompletableFuture<ObjectNode> call;
        /** Resolved once per session: credentials are looked up (and tracked) once, not on every poll. */
        private transient SeldonCalls calls;

        Execution(StepContext context, String server, String credentialsId, String namespace, String name,
                Duration timeout, Duration pollInterval) {
            super(context);
            this.server = server;
            this.credentialsId = credentialsId;
            this.timeout = timeout;
            this.pollMillis = pollInterval.toMillis();
            this.readiness = new Readiness(ResourceKind.SELDON_DEPLOYMENT, namespace, name);
        }

        @Override
        public boolean start() throws Exception {
            SeldonCalls calls = calls();
            synchronized (this) {
                progress = readiness.start(Instant.now(), timeout, calls.lastWrite(readiness.namespace(), readiness.name()));
            }
            calls.log().info("Waiting until " + progress.deadline() + " for SeldonDeployment " + readiness.namespace()
                    + "/" + readiness.name() + " to become Available");
            schedule(0);
            return false;
        }

        private synchronized SeldonCalls calls() throws IOException, InterruptedException {
            if (calls == null) {
                calls = SeldonCalls.connect(server, credentialsId, getContext().get(Run.class),
                        getContext().get(TaskListener.class));
            }
            return calls;
        }

        private synchronized void schedule(long delayMillis) {
            if (!done && !shuttingDown()) {
                scheduled = Timer.get().schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
            }
        }

        /**
         * While Jenkins shuts down the program has been saved and {@link #onResume} polls again after the restart. Polling
         * on would also recreate the shared timer (Timer.get() after Timer.shutdown()) and complete the step from a
         * stale execution.
         */
        private static boolean shuttingDown() {
            Jenkins j = Jenkins.getInstanceOrNull();
            return j == null || j.isTerminating();
        }

        /** Runs on the timer: starts one non-blocking read; never blocks the timer thread on the network. */
        private void poll() {
            if (done || shuttingDown()) {
                return;
            }
            try {
                SeldonCalls calls = calls();
                CompletableFuture<ObjectNode> read = calls.client().getAsync(ResourceKind.SELDON_DEPLOYMENT,
                        readiness.namespace(), readiness.name());
                synchronized (this) {
                    call = read;
                }
                read.whenComplete((resource, error) -> handle(calls, resource, error));
            } catch (IOException | InterruptedException | RuntimeException e) {
                finish(null, e);
            }
        }

        private void handle(SeldonCalls calls, ObjectNode resource, Throwable error) {
            if (done) {
                return;
            }
            try {
                Readiness.Verdict verdict;
                synchronized (this) {
                    Throwable cause = error instanceof CompletionException || error instanceof ExecutionException
                            ? error.getCause() : error;
                    if (cause == null) {
                        verdict = readiness.evaluate(resource, progress, Instant.now());
                    } else if (cause instanceof IOException io) {
                        verdict = readiness.evaluateError(io, progress, Instant.now());
                    } else {
                        throw cause;
                    }
                    progress = verdict.next();
                }
                switch (verdict.status()) {
                    case READY -> {
                        calls.log().info(verdict.message());
                        finish(resource, null);
                    }
                    case FAILED, TIMED_OUT -> ResourceWait.failure(calls.client(), readiness, verdict)
                            .whenComplete((failure, unexpected) -> finish(null, failure != null ? failure : unexpected));
                    default -> {
                        if (verdict.logLine() != null) {
                            if (verdict.warning()) {
                                calls.log().warn(verdict.logLine());
                            } else {
                                calls.log().info(verdict.logLine());
                            }
                        }
                        long untilDeadline = Duration.between(Instant.now(), progress.deadline()).toMillis();
                        schedule(Math.max(0, Math.min(pollMillis, untilDeadline)));
                    }
                }
            } catch (Throwable t) {
                finish(null, t);
            }
        }

        private void finish(@CheckForNull ObjectNode resource, @CheckForNull Throwable failure) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            if (failure == null) {
                getContext().onSuccess(PlainJson.toPlain(resource));
            } else {
                getContext().onFailure(failure instanceof IOException e ? SeldonCalls.abort(e) : failure);
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) {
            synchronized (this) {
                if (done) {
                    // Already completed by a poll: the context must be completed exactly once.
                    return;
                }
                done = true;
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
                if (call != null) {
                    call.cancel(true);
                }
            }
            getContext().onFailure(cause);
        }

        @Override
        public void onResume() {
            if (progress == null) {
                getContext().onFailure(new AbortException("The wait for a Seldon deployment had not started before the restart"));
                return;
            }
            LOGGER.log(Level.FINE, "Resuming the wait for {0}/{1}", new Object[] {readiness.namespace(), readiness.name()});
            schedule(0);
        }

        @Override
        public String getStatus() {
            WaitProgress p = progress;
            return "waiting for SeldonDeployment " + readiness.namespace() + "/" + readiness.name()
                    + (p == null ? "" : " until " + p.deadline() + (p.lastSeen() == null ? "" : "; last seen: " + p.lastSeen()));
        }
    }

    @Extension
    public static final class DescriptorImpl extends DeploymentStepDescriptor {
        @Override
        public String getFunctionName() {
            return "seldonWaitForDeployment";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Wait until a Seldon deployment is available";
        }

    }
}

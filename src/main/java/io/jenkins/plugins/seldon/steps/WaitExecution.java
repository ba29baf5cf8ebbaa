package io.jenkins.plugins.seldon.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.Change;
import io.jenkins.plugins.seldon.operations.NotReadyException;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.Readiness;
import io.jenkins.plugins.seldon.operations.ResourceOperations;
import io.jenkins.plugins.seldon.operations.ResourceWait;
import io.jenkins.plugins.seldon.operations.WaitProgress;
import io.jenkins.plugins.seldon.operations.parameters.ApplyParameters;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Waits until resources are ready, one after the other, within one deadline: the wait steps' single resource, or
 * everything {@code seldonApply(wait: true)} applied (the apply then runs first, in this execution). Blocking work
 * (resolving credentials, reading the CA, recording credential use, applying) runs on a background thread, never on
 * the CPS VM thread or the shared timer; each poll is one non-blocking read scheduled on the timer and evaluated on the
 * HTTP client's thread. The saved state is plain: names, durations, the parameters of the apply, and the serialisable
 * readiness and progress with their absolute deadline, so a restart resumes the same wait. A restart during the apply
 * applies again, which sends nothing for what was already applied.
 */
final class WaitExecution extends PollingExecution {

    private static final long serialVersionUID = 1L;

    private final long timeoutMillis;
    private final long pollMillis;
    /** What to apply first, or null for a plain wait. */
    @CheckForNull
    private final ApplyParameters apply;

    /** Guarded by this; null until known (after the apply). */
    private ArrayList<Readiness> targets;
    /** Guarded by this: the result per target, the applied resource until it is read ready. */
    private ArrayList<Object> results;
    private int current;
    private long deadlineEpochMillis;
    private WaitProgress progress;

    private WaitExecution(StepContext context, String server, String credentialsId, Duration timeout,
            Duration pollInterval, @CheckForNull ApplyParameters apply, @CheckForNull Readiness target) {
        super(context, server, credentialsId);
        this.timeoutMillis = timeout.toMillis();
        this.pollMillis = pollInterval.toMillis();
        this.apply = apply;
        if (target != null) {
            this.targets = new ArrayList<>(List.of(target));
            this.results = new ArrayList<>(Collections.singletonList(null));
        }
    }

    /** Waits for one resource and returns it as a map. */
    static WaitExecution forResource(StepContext context, String server, String credentialsId, ResourceKind kind,
            String namespace, String name, Duration timeout, Duration pollInterval) {
        return new WaitExecution(context, server, credentialsId, timeout, pollInterval, null,
                new Readiness(kind, namespace, name));
    }

    /** Applies, then waits for everything applied; returns a map for one document, else a list. */
    static WaitExecution forApply(StepContext context, String server, String credentialsId, ApplyParameters apply) {
        return new WaitExecution(context, server, credentialsId, apply.timeout(), apply.pollInterval(), apply, null);
    }

    /** Applies if that is still to do, fixes the deadline, starts polling. */
    @Override
    void begin(SeldonSession s, boolean first) throws IOException, InterruptedException {
        ApplyParameters toApply;
        synchronized (this) {
            toApply = targets == null ? apply : null;
        }
        if (toApply != null) {
            if (!first) {
                s.log().info(Messages.WaitExecution_applyingAgain());
            }
            List<ResourceOperations.ApplyResult> results = s.apply(toApply, getContext().get(FilePath.class),
                    UnaryOperator.identity());
            ArrayList<Readiness> readiness = new ArrayList<>();
            ArrayList<Object> plain = new ArrayList<>();
            for (ResourceOperations.ApplyResult r : results) {
                Change c = r.change();
                readiness.add(new Readiness(c.kind(), c.namespace(),
                        c.kind() == ResourceKind.EXPERIMENT ? c.pipeline() : c.name()));
                plain.add(PlainJson.toPlain(r.resource()));
            }
            synchronized (this) {
                targets = readiness;
                this.results = plain;
            }
        }
        synchronized (this) {
            if (deadlineEpochMillis == 0) {
                deadlineEpochMillis = Instant.now().plusMillis(timeoutMillis).toEpochMilli();
            }
        }
        // Even after a crash a restart resumes what was applied with the same deadline.
        saveState("a Seldon wait");
        next(s);
    }

    /** Starts waiting for the current target, or finishes when every target is ready. */
    private void next(SeldonSession s) {
        Readiness target;
        synchronized (this) {
            if (current >= targets.size()) {
                target = null;
            } else {
                target = targets.get(current);
                if (progress == null) {
                    Instant now = Instant.now();
                    progress = target.start(now, Duration.ofMillis(Math.max(0, deadlineEpochMillis - now.toEpochMilli())),
                            s.lastWrite(target.kind(), target.namespace(), target.name()));
                    s.log().info(Messages.WaitExecution_waiting(target.subject(), progress.deadline()));
                }
            }
        }
        if (target == null) {
            complete(result());
        } else {
            schedule(0);
        }
    }

    @Override
    void poll(SeldonSession s) {
        Readiness target;
        synchronized (this) {
            if (current >= targets.size()) {
                return;
            }
            target = targets.get(current);
        }
        CompletableFuture<ObjectNode> read = s.client().getAsync(target.kind(), target.namespace(), target.name());
        track(read);
        read.whenComplete((resource, error) -> handle(s, target, resource, error));
    }

    private void handle(SeldonSession s, Readiness target, ObjectNode resource, Throwable error) {
        if (isDone()) {
            return;
        }
        try {
            Readiness.Verdict verdict;
            synchronized (this) {
                Throwable cause = unwrap(error);
                if (cause == null) {
                    verdict = target.evaluate(resource, progress, Instant.now());
                } else if (cause instanceof IOException io) {
                    verdict = target.evaluateError(io, progress, Instant.now());
                } else {
                    throw cause;
                }
                progress = verdict.next();
            }
            switch (verdict.status()) {
                case READY -> {
                    s.log().info(verdict.message());
                    synchronized (this) {
                        results.set(current, PlainJson.toPlain(resource));
                        current++;
                        progress = null;
                    }
                    next(s);
                }
                // With what a deployment's pods show, read once without blocking.
                case FAILED, TIMED_OUT -> {
                    // Tracked itself: cancelling the stage whenComplete returns would not cancel the read.
                    CompletableFuture<NotReadyException> failure = ResourceWait.failure(s.client(), target, verdict);
                    track(failure);
                    failure.whenComplete((f, unexpected) -> fail(f != null ? f : unexpected));
                }
                default -> pollAgain(s, verdict.logLine(), verdict.warning(), verdict.next().deadline(),
                        pollMillis);
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** One resource as a map; what an apply of several documents made, as a list. */
    private synchronized Object result() {
        return results == null ? null : results.size() == 1 ? results.get(0) : new ArrayList<>(results);
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }

    @NonNull
    @Override
    public synchronized String getStatus() {
        if (targets == null) {
            return Messages.WaitExecution_applying();
        }
        if (current >= targets.size()) {
            return Messages.WaitExecution_done();
        }
        WaitProgress p = progress;
        return Messages.WaitExecution_status(targets.get(current).subject(),
                p == null ? "-" : p.deadline(), p == null || p.lastSeen() == null ? "-" : p.lastSeen());
    }
}

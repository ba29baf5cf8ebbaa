package io.jenkins.plugins.seldon.operations;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a wait has seen so far, carried from one poll to the next; created by {@link Readiness#start} and replaced by
 * {@link Readiness.Verdict#next()} after every poll. Immutable and serialisable, so that a
 * Pipeline step can persist it across a controller restart: the deadline is an absolute time, not a remaining
 * duration.
 */
public final class WaitProgress implements Serializable {

    private static final long serialVersionUID = 1L;

    final long startedEpochMillis;
    final long deadlineEpochMillis;
    /** Our write just before the wait, or {@code null}. */
    final LastWrite lastWrite;
    /**
     * The state of the first poll since the write ({@code ""} for none; for Core v2 a digest of the conditions), or
     * {@code null} before the first poll.
     */
    final String firstState;
    /** Whether a poll has shown a state other than {@link #firstState}: the status then belongs to our revision. */
    final boolean stateChanged;
    final int consecutiveFailed;
    /** What the last poll showed, for the timeout message. */
    final String lastSeen;
    /** The last line logged, so that unchanged progress is not repeated. */
    final String lastLogged;

    WaitProgress(long startedEpochMillis, long deadlineEpochMillis, LastWrite lastWrite, String firstState,
            boolean stateChanged, int consecutiveFailed, String lastSeen, String lastLogged) {
        this.startedEpochMillis = startedEpochMillis;
        this.deadlineEpochMillis = deadlineEpochMillis;
        this.lastWrite = lastWrite;
        this.firstState = firstState;
        this.stateChanged = stateChanged;
        this.consecutiveFailed = consecutiveFailed;
        this.lastSeen = lastSeen;
        this.lastLogged = lastLogged;
    }

    /** When the wait gives up (absolute, by the controller's clock). */
    public Instant deadline() {
        return Instant.ofEpochMilli(deadlineEpochMillis);
    }

    /** When the wait started. */
    public Instant started() {
        return Instant.ofEpochMilli(startedEpochMillis);
    }

    /** How many polls in a row have shown a failure. */
    public int consecutiveFailed() {
        return consecutiveFailed;
    }

    /**
     * A short description of what the last poll showed, e.g. {@code Creating} or, for Core v2, the conditions that
     * are not True; {@code null} before any poll.
     */
    public String lastSeen() {
        return lastSeen;
    }

    @Override
    public String toString() {
        return "WaitProgress[deadline=" + deadline() + ", lastSeen=" + lastSeen + ", failed=" + consecutiveFailed + "]";
    }
}

package io.jenkins.plugins.seldon.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to; its {@link #sleep} advances it instead of waiting. */
final class FakeClock extends Clock {

    private Instant now;

    FakeClock(Instant start) {
        this.now = start;
    }

    void sleep(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}

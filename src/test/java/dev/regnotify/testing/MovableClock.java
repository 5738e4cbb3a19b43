package dev.regnotify.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock in UTC that moves only when a test tells it to. Thread-safe. */
public final class MovableClock extends Clock {

    private volatile Instant now;

    /** @param now where it stands until moved */
    public MovableClock(Instant now) {
        this.now = now;
    }

    /** @param by how far to move it on */
    public void advance(Duration by) {
        now = now.plus(by);
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
        return this;
    }
}

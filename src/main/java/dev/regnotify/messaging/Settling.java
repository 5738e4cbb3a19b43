package dev.regnotify.messaging;

import java.time.Duration;

/**
 * How long a starting {@link Membership} waits for its peers before its queues consume, so that it does not take
 * every endpoint and give them back a second later: until its own first heartbeat came back and its peers had as long
 * again to answer (they answer a member they did not know at once, within about one round trip), and at most
 * {@link #SETTLE}. Owned by the member's thread.
 */
final class Settling {

    /** How long a starting member waits at most for its peers. */
    static final Duration SETTLE = Duration.ofMillis(500);
    /** Within {@link #SETTLE}, how long after its own first heartbeat came back, at least. */
    private static final Duration AFTER_ECHO = Duration.ofMillis(100);

    private final long deadline;
    // System.nanoTime() of each, 0 before
    private long firstBeat;
    private long firstEcho;
    private long end;

    /** @param start the {@link System#nanoTime()} the member started at */
    Settling(long start) {
        this.deadline = start + SETTLE.toNanos();
    }

    /** @return the {@link System#nanoTime()} after which the start waits no longer */
    long deadline() {
        return deadline;
    }

    /** The member said it is there. */
    void beat(long now) {
        if (firstBeat == 0) {
            firstBeat = now;
        }
    }

    /** The member's own heartbeat came back. */
    void echo(long now) {
        if (firstEcho == 0) {
            firstEcho = now;
            end = now + Math.max(2 * (now - firstBeat), AFTER_ECHO.toNanos());
        }
    }

    /**
     * @param linked whether the member's connection is open: without one there is nobody to wait for
     * @return whether the wait is over
     */
    boolean over(long now, boolean linked) {
        boolean heardBack = firstEcho != 0 && now - end >= 0;
        return heardBack || !linked || now - deadline >= 0;
    }
}

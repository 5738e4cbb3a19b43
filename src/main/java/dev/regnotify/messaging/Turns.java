package dev.regnotify.messaging;

import java.util.Set;

/**
 * Which endpoints this instance's queues may consume now, as its {@link Membership} last decided: written by the
 * member's thread, read by every queue's, each of which may wait for the next decision instead of polling.
 */
final class Turns {

    /**
     * One decision: every endpoint (membership does not run), none yet (the start waits for peers), or those
     * assigned here, less those a live peer holds a consumer on.
     */
    private record Decision(boolean everything, boolean settling, Set<String> mine, Set<String> taken,
            long version) {
    }

    private final Object changes = new Object();
    private final long settleDeadline;
    private volatile Decision decision = new Decision(false, true, Set.of(), Set.of(), 0);

    /** @param settleDeadline the {@link System#nanoTime()} after which a start that could not decide takes all */
    Turns(long settleDeadline) {
        this.settleDeadline = settleDeadline;
    }

    /**
     * @return whether the endpoint's queue may receive now: it is this instance's and no live peer holds a consumer
     *         on it, or membership does not run
     */
    boolean mayConsume(String endpoint) {
        Decision now = decision;
        if (now.settling()) {
            // a start that cannot hear its peers in time (its connection still opening) waits no longer
            return System.nanoTime() - settleDeadline >= 0;
        }
        return now.everything() || now.mine().contains(endpoint) && !now.taken().contains(endpoint);
    }

    /** @return a number that changes whenever what {@link #mayConsume} answers may */
    long version() {
        return decision.version();
    }

    /** Waits until the decision changes from the version seen, or the time passed. */
    void awaitChange(long seen, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        synchronized (changes) {
            for (long left = waitMillis; decision.version() == seen && left > 0;
                    left = (deadline - System.nanoTime()) / 1_000_000) {
                changes.wait(left);
            }
        }
    }

    /** Every endpoint is this instance's: membership does not run. */
    void everything() {
        decide(true, Set.of(), Set.of());
    }

    /**
     * @param mine the endpoints assigned to this instance
     * @param taken the endpoints on which a live peer holds a consumer
     */
    void share(Set<String> mine, Set<String> taken) {
        decide(false, mine, taken);
    }

    private void decide(boolean everything, Set<String> mine, Set<String> taken) {
        synchronized (changes) {
            decision = new Decision(everything, false, Set.copyOf(mine), Set.copyOf(taken), decision.version() + 1);
            changes.notifyAll();
        }
    }

    boolean settling() {
        return decision.settling();
    }

    boolean everythingIsMine() {
        return decision.everything();
    }

    Set<String> mine() {
        return decision.mine();
    }

    Set<String> taken() {
        return decision.taken();
    }
}

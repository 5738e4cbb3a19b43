package dev.regnotify.messaging;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * This instance among the delivering instances of one broker, so that they share the endpoints out instead of one
 * taking them all: every second it says on the deliverers' topic which endpoints it delivers and which it holds a
 * consumer on ({@link Heartbeat}), hears the others, and from what the live ones announce computes, as each of them
 * does, which endpoints are its own ({@link Assignment}). A peer not heard for three periods is gone, and its
 * endpoints are dealt out again; one that closes says so.
 *
 * <p>A {@link BrokerQueue} opens its consumer only while its endpoint is this instance's and no live peer holds one
 * ({@link #mayConsume}), so that in a handover the new consumer appears only once the old one is gone; one that holds
 * a consumer while that is no longer so stops receiving, delivers what it received, and releases it.
 *
 * <p>The message group stays what guarantees one consumer per endpoint: members that briefly disagree may both hold a
 * consumer, and the broker still gives the group to one. When membership cannot run (the topic is refused, the broker
 * is away, this member's own heartbeats do not come back) every endpoint counts as this instance's, as without
 * spreading ({@code RN-349} says so once), and spreading resumes when it runs again.
 *
 * <p>Its thread owns the connection and the view; queues read its {@link Turns}, from their own threads.
 *
 * @since 0.4
 */
public final class Membership implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.messaging");
    /** How often a member says it is there: a takeover after a crash waits three of these. */
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** A peer not heard for this many periods is gone: one or two heartbeats lost on the way move nothing. */
    static final int PERIODS_TO_EXPIRY = 3;
    /**
     * How long a heartbeat waits on the broker for a slow subscriber. The broker judges it by the sender's clock, so
     * it is far longer than the expiry: a sender whose clock is behind the broker's by less than this is still heard.
     */
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    /** How often the member's thread looks, between messages, whether its endpoints changed or it is closed. */
    private static final Duration TICK = Duration.ofMillis(100);
    /** The pause after a failed connection, doubled at each failure up to {@link #RETRY_MAX}. */
    private static final Duration RETRY = Duration.ofSeconds(1);
    // a broker that refuses the topic is not asked every second for ever, and one that is back is used within 5 s
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    // endpoints named in a log line at most; the rest are counted
    private static final int NAMED = 10;

    private final Broker broker;
    private final String id = UUID.randomUUID().toString();
    private final long periodNanos;
    private final long expiryNanos;
    private final Offered offered = new Offered();
    private final Settling settling;
    private final Turns turns;
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean closing;
    private volatile MemberLink openLink;
    private volatile int heard;

    // owned by the member's thread
    private final Peers peers;
    private MemberLink link;
    private Set<String> announced = Set.of();
    private Set<String> held = Set.of();
    private boolean beatNow;
    private boolean dirty;
    private long nextBeat;
    private long lastEcho;
    private long nextOpen;
    private long retryNanos = RETRY.toNanos();
    private String failure;
    private boolean fallback;

    /**
     * @param broker the broker whose topic it joins
     * @param threads where its thread comes from
     * @param period how often it says it is there; the expiry is three of them
     */
    Membership(Broker broker, ThreadFactory threads, Duration period) {
        this.broker = broker;
        this.periodNanos = period.toNanos();
        this.expiryNanos = PERIODS_TO_EXPIRY * periodNanos;
        this.peers = new Peers(expiryNanos);
        this.settling = new Settling(System.nanoTime());
        this.turns = new Turns(settling.deadline());
        this.thread = threads.newThread(this::run);
        try {
            thread.setName("regnotify-deliverers");
        } catch (SecurityException e) {
            // a managed thread keeps the server's name
        }
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Joins the delivering instances of a broker.
     *
     * @param broker the broker
     * @param threads where its one thread comes from
     * @return the member, started: its queues consume once it heard its peers (half a second at most)
     */
    public static Membership join(Broker broker, ThreadFactory threads) {
        return new Membership(broker, threads, PERIOD);
    }

    /** An endpoint this instance delivers, announced while its queue {@linkplain BrokerQueue#able() can be read}. */
    void offer(String endpoint, BrokerQueue queue) {
        offered.offer(endpoint, queue);
    }

    /** The endpoint is no longer delivered here: its queue closed its consumer for good. */
    void withdraw(String endpoint, BrokerQueue queue) {
        offered.withdraw(endpoint, queue);
    }

    /** @return what the queues read: which endpoints they may consume now */
    Turns turns() {
        return turns;
    }

    private void run() {
        try {
            while (!closing) {
                long now = System.nanoTime();
                if (link == null && now - nextOpen >= 0) {
                    open(now);
                }
                if (link != null) {
                    exchange(now);
                } else {
                    pause(Math.min(TICK.toNanos(), nextOpen - now));
                }
                judge(System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leave();
        }
    }

    private void open(long now) {
        try {
            link = MemberLink.open(broker, TIME_TO_LIVE);
            openLink = link;
            retryNanos = RETRY.toNanos();
            beatNow = true;
        } catch (JMSException | RuntimeException e) {
            failure = "the topic " + broker.deliverersTopic() + " cannot be subscribed to (" + broker.reason(e) + ")";
            nextOpen = now + retryNanos;
            retryNanos = Math.min(2 * retryNanos, RETRY_MAX.toNanos());
        }
    }

    /** Says it is there when due, then hears what comes until the next heartbeat or tick. */
    private void exchange(long now) {
        String lost = link.lost();
        if (lost != null) {
            drop(lost);
            return;
        }
        try {
            Set<String> own = offered.able();
            Set<String> holding = offered.holding();
            if (!own.equals(announced) || !holding.equals(held)) {
                beatNow = true;
                dirty |= !own.equals(announced);
            }
            if (beatNow || now - nextBeat >= 0) {
                link.publish(new Heartbeat(id, false, own, holding));
                announced = own;
                held = holding;
                beatNow = false;
                nextBeat = now + periodNanos;
                settling.beat(now);
            }
            long wait = Math.max(1, Math.min(TICK.toNanos(), nextBeat - now) / 1_000_000);
            for (Message message = link.receive(wait); message != null; message = link.receive(0)) {
                hear(Heartbeat.of(message), System.nanoTime());
            }
        } catch (JMSException | RuntimeException e) {
            drop(broker.reason(e));
        }
    }

    private void hear(Heartbeat beat, long now) {
        if (beat == null) {
            return; // not a heartbeat of this format: another program's, or a later release's
        }
        if (beat.member().equals(id)) {
            if (!beat.leaving()) {
                lastEcho = now;
                settling.echo(now);
            }
            return;
        }
        if (!beat.leaving() && !peers.knows(beat.member())) {
            beatNow = true; // a peer that joins learns of this one within a round trip
        }
        dirty |= peers.heard(beat, now);
    }

    /**
     * The link is lost: peers are kept until they expire, as they keep this member, so nothing moves at once. An
     * attempt to open it again may wait as long as the client's call timeout (Artemis: 30 s) on a path that takes the
     * connection and then drops it; the queues go on meanwhile, with every endpoint once the expiry has passed.
     */
    private void drop(String reason) {
        failure = "the connection to " + broker.describe() + " is lost (" + reason + ")";
        closeLink();
        nextOpen = System.nanoTime() + retryNanos;
    }

    /** Decides what the queues read: nothing while the start waits, everything without membership, else a share. */
    private void judge(long now) {
        dirty |= peers.expire(now);
        heard = peers.size();
        if (turns.settling()) {
            if (!settling.over(now, link != null)) {
                return;
            }
            dirty = true;
        }
        // a lost connection changes nothing until the expiry, as for the peers: a short outage moves no endpoint
        boolean working = lastEcho != 0 && now - lastEcho < expiryNanos;
        if (!working) {
            fallBack(now);
        } else if (dirty || turns.everythingIsMine()) {
            spread();
        }
    }

    private void fallBack(long now) {
        if (!fallback) {
            String why = failure != null ? failure : lastEcho == 0 ? "its heartbeats on " + broker.deliverersTopic()
                    + " do not come back" : "its heartbeats on " + broker.deliverersTopic() + " have not come back "
                    + "for " + (now - lastEcho) / 1_000_000 + " ms";
            LOG.log(Level.WARNING, "RN-349 delivering instance {0} cannot share the endpoints out with the others: "
                    + "{1}; it consumes every endpoint it delivers, as without spreading (the message group still "
                    + "gives each to one instance at a time), until it can", shortId(), why);
            fallback = true;
        }
        if (!turns.everythingIsMine()) {
            turns.everything();
        }
    }

    private void spread() {
        if (fallback) {
            LOG.log(Level.INFO, "RN-349 delivering instance {0} shares the endpoints out with the others again",
                    shortId());
            fallback = false;
            failure = null;
        }
        Map<String, Set<String>> all = peers.announced();
        all.put(id, announced);
        Set<String> mine = Assignment.of(all, id);
        Set<String> taken = peers.holding();
        dirty = false;
        boolean changed = turns.everythingIsMine() || turns.settling() || !turns.mine().equals(mine);
        if (changed || !turns.taken().equals(taken)) {
            turns.share(mine, taken);
        }
        if (changed) {
            LOG.log(Level.INFO, "RN-350 delivering instance {0} consumes {1} of the {2} endpoints that {3} "
                    + "delivering instances announce: {4}", shortId(), Integer.toString(mine.size()),
                    Long.toString(all.values().stream().flatMap(Set::stream).distinct().count()),
                    Integer.toString(all.size()), named(mine));
        }
    }

    private static String named(Set<String> endpoints) {
        String names = endpoints.stream().limit(NAMED).collect(Collectors.joining(", "));
        return endpoints.size() > NAMED ? names + " and " + (endpoints.size() - NAMED) + " more" : names;
    }

    private String shortId() {
        return id.substring(0, 8);
    }

    private void pause(long nanos) throws InterruptedException {
        synchronized (wake) {
            if (!closing && nanos > 0) {
                wake.wait(Math.max(1, nanos / 1_000_000));
            }
        }
    }

    /** Says it leaves, so that the others deal its endpoints out at once rather than after the expiry. */
    private void leave() {
        if (link != null && link.lost() == null) {
            try {
                link.publish(Heartbeat.leaving(id));
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.DEBUG, "RN-349 delivering instance {0} could not say it leaves: {1}", shortId(),
                        broker.reason(e));
            }
        }
        closeLink();
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
            openLink = null;
        }
    }

    /**
     * Leaves the others: they share this instance's endpoints out among themselves at once. Its queues should be
     * closed first, or they go on consuming as they were.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MemberLink stuck = openLink;
        if (thread.isAlive() && stuck != null) {
            stuck.close(); // a call that waits for a silent broker ends with its connection
        }
    }

    /** @return this member's id */
    String id() {
        return id;
    }

    /** @return how many other members it hears */
    int peers() {
        return heard;
    }

    /** @return whether it shares the endpoints out with its peers (not waiting for them, nor falling back) */
    boolean spreading() {
        return !turns.settling() && !turns.everythingIsMine();
    }

    @Override
    public String toString() {
        return "Membership[" + shortId() + " on " + broker.deliverersTopic() + "]";
    }
}

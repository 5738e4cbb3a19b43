package dev.regnotify.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.faults.ChaosReceiver.Event;
import dev.regnotify.faults.ChaosReceiver.Exchange;
import dev.regnotify.faults.ChaosReceiver.Kind;

/**
 * Judges a receiver's record against what the documentation promises, and returns every broken promise as one line.
 * Each rule cites where it is promised. The inputs are what the run knows for sure: the events whose operations
 * returned, in the order they returned; what the journal refused to keep; and per endpoint what its receiver
 * recorded, its dead letters, its counted drops and what its closes reported undelivered.
 */
final class DeliveryChecker {

    /** How many bytes of a response head a client may take before it gives up (and the sockets' buffers). */
    static final long HEAD_LIMIT = Long.getLong("chaos.headLimit", 16L << 20);
    // a dead letter's last error is the receiver's status line, or the timeout of an attempt (HttpSink's wording)
    // a status, the timeout, or an answer past the client's bounds (delivery.md: "a head past them fails the attempt")
    private static final Pattern RECEIVERS_ERROR = Pattern.compile("^\\d{3} .*|.*no complete answer from .*"
            + "|.*sent an answer past the client's limits.*", Pattern.DOTALL);
    private static final Set<Integer> ENDPOINT_REFUSALS = Set.of(401, 403, 404, 405);
    // journal.md: an endpoint that holds back more than half of a journal three quarters full is moved past its oldest
    // segment, whose undelivered events "become its own dead letters (... 0 attempts, the reason as their last error)"
    private static final Pattern JOURNAL_LAG = Pattern.compile("was \\d+ bytes behind, more than half of the "
            + "journal's maxbytes \\d+");
    // distributed.md: what a deliverer's consumer had received is bounded by "Artemis's consumer window, 1 MiB by
    // default (about 5,000 events of the journal's records, which take 180 to 300 bytes each)"
    private static final long CONSUMER_WINDOW_EVENTS = (1 << 20) / 180;

    /** An event whose registry operation returned. */
    record Produced(String id, String repository) {
    }

    /**
     * What happened at one endpoint.
     *
     * @param dropped the events it counted as dropped (the Dropped metric, over every start)
     * @param undeliveredAtCloses the events its closes reported left undelivered (RN-310)
     * @param pendingAfterHeal the events it still had pending when the run gave up waiting (0: it drained)
     * @param brokerLosses how many times a delivering instance of it lost its connection to the broker or closed with
     *            messages unacknowledged (0 without a broker)
     */
    record Outcome(String endpoint, List<Exchange> exchanges, List<DeadLetter> deadLetters, long dropped,
            long undeliveredAtCloses, int closedSoonAfterAcceptance, long pendingAfterHeal, int brokerLosses) {
    }

    private final ChaosPlan.Setup setup;
    private final List<Produced> returned;
    private final Map<String, Integer> order = new HashMap<>();
    private final Set<String> journalRefused;
    private final int crashes;
    private final List<String> violations = new ArrayList<>();

    /**
     * @param returned the events whose operations returned, in the order they returned
     * @param journalRefused those the journal did not keep (a failed write, or full)
     * @param crashes how many times the process stopped with envelopes possibly in flight: restarts and kills
     */
    DeliveryChecker(ChaosPlan.Setup setup, List<Produced> returned, Set<String> journalRefused, int crashes) {
        this.setup = setup;
        this.returned = List.copyOf(returned);
        for (int i = 0; i < returned.size(); i++) {
            order.put(returned.get(i).id(), i);
        }
        this.journalRefused = Set.copyOf(journalRefused);
        this.crashes = crashes;
    }

    /** Adds a broken promise the run itself saw while the faults were on. */
    void add(String violation) {
        violations.add(violation);
    }

    /** @return every broken promise found so far, one line each */
    List<String> violations() {
        return List.copyOf(violations);
    }

    private void fail(String endpoint, String message) {
        violations.add(endpoint + ": " + message);
    }

    /**
     * Checks one endpoint's outcome.
     *
     * @param unknownAllowed how many accepted events may be unknown: one operation in progress per kill may have
     *            been journaled without its id being printed
     */
    void check(Outcome outcome, int unknownAllowed) {
        String name = outcome.endpoint();
        if (outcome.pendingAfterHeal() > 0) {
            // delivery.md: an endpoint never stops delivering for good; every fault was healed
            fail(name, outcome.pendingAfterHeal() + " events still pending after every fault was healed: delivery "
                    + "stalled");
        }
        Map<String, Integer> acceptances = new HashMap<>();
        List<String> firstArrivals = new ArrayList<>();
        Set<String> mayBeLate = new HashSet<>();
        Set<String> unknown = new HashSet<>();
        for (Exchange exchange : outcome.exchanges()) {
            if (!exchange.accepted()) {
                continue;
            }
            for (Event event : exchange.events()) {
                if (!order.containsKey(event.id())) {
                    unknown.add(event.id());
                } else if (acceptances.merge(event.id(), 1, Integer::sum) == 1) {
                    firstArrivals.add(event.id());
                    if (exchange.answerLost().get()) {
                        mayBeLate.add(event.id());
                    }
                }
            }
        }
        Set<String> dead = new HashSet<>();
        outcome.deadLetters().forEach(letter -> dead.addAll(letter.eventIds()));
        checkEveryEventAccounted(outcome, acceptances.keySet(), dead);
        // a dead letter's events go out of order by design (dead-letters.md): behind what came after them, when the
        // letter is replayed, or when a restart sends them again from the journal before their position was saved
        mayBeLate.addAll(dead);
        checkOrder(outcome, firstArrivals, mayBeLate);
        checkRepeats(outcome, acceptances);
        if (unknown.size() > unknownAllowed) {
            fail(name, unknown.size() + " accepted events were never produced (at most " + unknownAllowed
                    + " can be, one per kill): " + unknown.stream().limit(5).toList());
        }
        checkDeadLetters(outcome);
        checkExchanges(outcome);
    }

    /**
     * reliability.md, first half of the promise: no notification whose operation returned is lost; the exceptions
     * are the documented ones: a dead letter (dead-letters.md), an event the journal could not keep (disk full, I/O
     * error on write, full queue: "counted as Dropped by each endpoint that wanted it"), and in memory what a close
     * left undelivered (reliability.md, shutdown and process crash: "in memory: what was left", reported by RN-310).
     * Through a broker (distributed.md): "What can be lost: nothing whose operation returned, with a journal on each
     * producing instance and a broker with persistence on"; without a journal, only what a producing instance that
     * dies had not forwarded yet (the broker leg's producing instance never dies, and a deliverer's close leaves to
     * the broker what it did not acknowledge).
     */
    private void checkEveryEventAccounted(Outcome outcome, Set<String> accepted, Set<String> dead) {
        List<String> missing = new ArrayList<>();
        for (Produced event : returned) {
            if (!accepted.contains(event.id()) && !dead.contains(event.id())
                    && !journalRefused.contains(event.id())) {
                missing.add(event.id());
            }
        }
        long mayBeLost = setup.journaled() ? 0 : outcome.undeliveredAtCloses();
        if (missing.size() > mayBeLost) {
            fail(outcome.endpoint(), missing.size() + " of " + returned.size() + " returned events neither arrived "
                    + "nor are dead letters nor were refused by the journal" + (mayBeLost > 0 ? " (at most "
                    + mayBeLost + " may be lost: left in memory by closes)" : "") + "; first: "
                    + describe(missing.subList(0, Math.min(5, missing.size()))));
        }
        if (outcome.dropped() < journalRefused.size()) {
            fail(outcome.endpoint(), "the journal refused " + journalRefused.size() + " events but the endpoint "
                    + "counted " + outcome.dropped() + " as dropped");
        }
    }

    /**
     * delivery.md: "Per endpoint, events are delivered in the order they were produced"; with maxinflight above 1,
     * "events of one repository arrive in the order they were produced". Judged on first arrivals (a repeat is the
     * at-least-once delivery the docs allow, not a reordering). Through a broker the same holds per producing
     * instance (distributed.md), but when a deliverer "loses its connection while it sends: the envelopes it had
     * handed out when the loss became known (the one in flight and the one prepared meanwhile; with maxinflight above
     * 1, one per lane) ... can arrive twice and, for those envelopes, out of order": so per loss, the events of that
     * many envelopes may arrive late. And delivery.md: an attempt given up at its timeout "may still be read by a slow
     * receiver after the envelopes sent after it": the events of an accepted exchange whose answer the client did not
     * wait for (it closed the connection soon after) may arrive late.
     */
    private void checkOrder(Outcome outcome, List<String> firstArrivals, Set<String> mayBeLate) {
        long allowed = outcome.brokerLosses() * (setup.maxInFlight() == 1 ? 2L : setup.maxInFlight()) * setup.batch();
        Map<String, Integer> lastPerRepository = new HashMap<>();
        int lastOverall = -1;
        long late = 0;
        String first = null;
        for (String id : firstArrivals) {
            int index = order.get(id);
            Produced event = returned.get(index);
            Integer previous = lastPerRepository.get(event.repository());
            lastPerRepository.merge(event.repository(), index, Math::max);
            String inversion = null;
            if (previous != null && previous > index) {
                inversion = "out of order in " + event.repository() + ": " + describe(List.of(id)) + " arrived after "
                        + describe(List.of(returned.get(previous).id()));
            } else if (setup.maxInFlight() == 1 && lastOverall > index) {
                inversion = "out of order (maxinflight 1): " + describe(List.of(id)) + " arrived after "
                        + describe(List.of(returned.get(lastOverall).id()));
            }
            if (inversion != null && !mayBeLate.contains(id)) {
                late++;
                first = first == null ? inversion : first;
            }
            lastOverall = Math.max(lastOverall, index);
        }
        if (late > allowed) {
            fail(outcome.endpoint(), first + (allowed == 0 ? "" : "; " + late + " events arrived late, more than the "
                    + allowed + " of the envelopes handed out at " + outcome.brokerLosses() + " lost connections"));
        }
    }

    /**
     * The documented repeats: per crash or restart, the envelope in flight (reliability.md, process crash: "at most
     * the envelope in flight"), or with lanes one window of events (delivery.md, maxinflight: "at most one window of
     * events", maxinflight x max(1024, 4 x batch)); and an envelope whose answer was lost to a timeout (delivery.md:
     * "an answer lost to a timeout, then the retry"), which the receiver sees as an accepted envelope whose connection
     * the client closed within its timeout. Through a broker (distributed.md), per delivering instance that "dies (or
     * loses its connection) after its receiver accepted an envelope and before the broker had the acknowledgement",
     * the messages it had received and not acknowledged: "at most what its consumer had received" (the consumer's
     * window, and what the endpoint had handed out of it).
     */
    private void checkRepeats(Outcome outcome, Map<String, Integer> acceptances) {
        long repeats = acceptances.values().stream().mapToLong(n -> n - 1).sum();
        long perCrash = setup.maxInFlight() == 1 ? setup.batch()
                : (long) setup.maxInFlight() * Math.max(1024, 4 * setup.batch());
        long bound = crashes * perCrash + (long) outcome.closedSoonAfterAcceptance() * setup.batch()
                + outcome.brokerLosses() * (CONSUMER_WINDOW_EVENTS + perCrash);
        if (repeats > bound) {
            List<String> repeated = acceptances.entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey).limit(5).toList();
            fail(outcome.endpoint(), repeats + " repeated events, more than the documented bound " + bound + " ("
                    + crashes + " crashes or restarts x " + perCrash + " events + "
                    + outcome.closedSoonAfterAcceptance() + " answers possibly lost to a timeout x batch "
                    + setup.batch() + " + " + outcome.brokerLosses() + " lost broker connections x "
                    + (CONSUMER_WINDOW_EVENTS + perCrash) + "); e.g. " + describe(repeated));
        }
    }

    /**
     * dead-letters.md: an envelope becomes a dead letter when its attempts end (maxattempts, maxage); "without bounds
     * on the attempts there are no dead letters" (distributed.md, for deliverers: "unbounded retries, the default,
     * make no dead letter"). The receivers of this run are always reachable, so an attempt that counts ends with the
     * receiver's answer or the timeout; an attempt the library cancelled itself (at shutdown, reliability.md:
     * "cancelling the attempt in flight ... with a journal, kept for the next start") is not one of the receiver's
     * refusals and must not make a dead letter. The one exception is the journal's own: journal.md, "No endpoint may
     * hold back more than half of the journal", whose letters have 0 attempts and the reason as their last error.
     */
    private void checkDeadLetters(Outcome outcome) {
        for (DeadLetter letter : outcome.deadLetters()) {
            if (setup.journaled() && letter.attempts() == 0 && JOURNAL_LAG.matcher(letter.lastError()).matches()) {
                continue; // a lagging endpoint moved past a segment of its journal, with or without bounds
            }
            if (!setup.retry().bounded()) {
                fail(outcome.endpoint(), "a dead letter without bounds on the attempts: " + letter.summary());
            } else if (!RECEIVERS_ERROR.matcher(letter.lastError()).matches()) {
                fail(outcome.endpoint(), "a dead letter whose last attempt was not refused by the receiver nor "
                        + "timed out (the library gave it up itself): " + letter.summary());
            }
        }
    }

    /**
     * What the receiver saw of single exchanges: a response head that never ends is given up on within bounded
     * memory (issue #22: "unbounded response headers"); and a batch refused with 401, 403, 404 or 405 is not split
     * (issue #22: these say the endpoint is wrong, not an event, so halving the batch cannot find a poison event).
     */
    private void checkExchanges(Outcome outcome) {
        List<Exchange> exchanges = outcome.exchanges();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            if (exchange.kind() == Kind.ENDLESS_HEAD && exchange.headBytesSent() > HEAD_LIMIT) {
                fail(outcome.endpoint(), "the client took " + (exchange.headBytesSent() >> 20) + " MiB of a response "
                        + "head that never ended (at most " + (HEAD_LIMIT >> 20) + " MiB with the sockets' buffers)");
            }
            if (exchange.kind() == Kind.REFUSED && ENDPOINT_REFUSALS.contains(exchange.status())
                    && exchange.events().size() > 1) {
                Exchange next = nextWith(exchanges, i, exchange);
                if (next != null && next.events().size() < exchange.events().size()) {
                    fail(outcome.endpoint(), "a batch of " + exchange.events().size() + " refused with "
                            + exchange.status() + " was split: the next attempt carried " + next.events().size());
                }
            }
        }
    }

    /** @return the next exchange of the same process that carries the first event of this one, or null */
    private static Exchange nextWith(List<Exchange> exchanges, int from, Exchange exchange) {
        String first = exchange.events().get(0).id();
        for (int j = from + 1; j < exchanges.size(); j++) {
            Exchange next = exchanges.get(j);
            if (next.generation() == exchange.generation() && next.sender().equals(exchange.sender())
                    && next.events().stream()
                    .anyMatch(e -> e.id().equals(first))) {
                return next;
            }
        }
        return null;
    }

    /**
     * reliability.md and journal.md: each endpoint keeps its own position, "so a slow or dead endpoint holds back no
     * other"; an endpoint disabled by 410 Gone "keeps its events queued" until enabled. A journal found full while
     * only disabled endpoints were far behind, and some endpoint was enabled, means a disabled endpoint pinned the
     * shared journal and made the others drop (issue #22).
     */
    void checkJournalNotPinnedByDisabled(List<RefusalLog.Full> fullMoments) {
        for (RefusalLog.Full moment : fullMoments) {
            long behindMost = moment.endpoints().stream().mapToLong(RefusalLog.Held::pending).max().orElse(0);
            boolean someEnabled = moment.endpoints().stream().anyMatch(h -> !h.disabled());
            long enabledBehind = moment.endpoints().stream().filter(h -> !h.disabled())
                    .mapToLong(RefusalLog.Held::pending).max().orElse(0);
            if (someEnabled && behindMost > 0 && enabledBehind * 2 < behindMost) {
                violations.add("journal: full at event " + describe(List.of(moment.eventId())) + " while held by "
                        + "disabled endpoints only: " + moment.endpoints() + "; the enabled ones dropped it");
                return;
            }
        }
    }

    /** @return the events with their position in the order produced and their repository */
    private String describe(List<String> ids) {
        List<String> described = new ArrayList<>();
        for (String id : ids) {
            Integer index = order.get(id);
            described.add(index == null ? id : "#" + index + " " + returned.get(index).repository() + " " + id);
        }
        return described.toString();
    }
}

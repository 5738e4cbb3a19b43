package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.faults.ChaosPlan.Round;
import dev.regnotify.faults.ChaosPlan.Step;
import dev.regnotify.faults.DeliveryChecker.Outcome;
import dev.regnotify.faults.DeliveryChecker.Produced;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.KilledChild;
import dev.regnotify.testing.Notifications;

/**
 * The seeded fault run (issue #22): rounds that each draw a configuration and a fault schedule from the seed, drive
 * registry events through the real delivery parts against receivers on 127.0.0.1 that misbehave on cue, heal every
 * fault, drain, and let {@link DeliveryChecker} judge the receivers' records against the documented promises.
 *
 * <p>Properties: {@code chaos.seed} (a fixed seed when absent; {@code random} draws one; printed), {@code chaos.round} (the first round, to replay
 * one), {@code chaos.rounds} (a fixed number of rounds per leg) or {@code chaos.seconds} (the in-process leg's
 * budget, default 50; the killed leg gets a round per 20 s of it, the broker leg half of it), {@code chaos.faults}
 * (the fault kinds, default all: {@link ChaosFault}). A failing round prints its seed and number and fails with every
 * broken promise.
 */
class ChaosTest {

    // the build's run replays one seed, so that a landing never depends on the draw; -Dchaos.seed=random explores
    private static final long SEED = "random".equals(System.getProperty("chaos.seed"))
            ? System.nanoTime() & 0xFFFF_FFFFL : Long.getLong("chaos.seed", 841315229L);
    private static final int FIRST_ROUND = Integer.getInteger("chaos.round", 0);
    private static final Integer ROUNDS = Integer.getInteger("chaos.rounds");
    private static final long SECONDS = Long.getLong("chaos.seconds", 50);
    private static final Set<ChaosFault> FAULTS = ChaosFault.parse(System.getProperty("chaos.faults"));
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(15);
    private static final Duration CLOSE_DRAIN = Duration.ofSeconds(2);

    @TempDir
    Path temp;

    @Test
    void inProcessRoundsKeepEveryDocumentedPromise() throws Exception {
        List<ChaosFault> kinds = ChaosFault.inProcess(FAULTS);
        announce("in-process", kinds);
        long budget = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        int rounds = 0;
        for (int n = FIRST_ROUND; ROUNDS != null ? n < FIRST_ROUND + ROUNDS : System.nanoTime() < budget; n++) {
            Round round = ChaosPlan.inProcess(SEED, n, kinds);
            long start = System.nanoTime();
            List<String> violations = runInProcess(round);
            progress(round, start);
            judge(round, violations);
            rounds++;
        }
        System.out.println("chaos seed " + SEED + ": " + rounds + " in-process rounds passed");
    }

    @Test
    void killedChildRoundsKeepEveryDocumentedPromise() throws Exception {
        if (!FAULTS.contains(ChaosFault.KILL)) {
            return; // the kill leg is not among the chosen faults
        }
        List<ChaosFault> kinds = List.copyOf(FAULTS);
        announce("killed-child", kinds);
        int count = ROUNDS != null ? ROUNDS : (int) Math.max(1, SECONDS / 20);
        for (int n = FIRST_ROUND; n < FIRST_ROUND + count; n++) {
            Round round = ChaosPlan.killed(SEED, n, kinds);
            long start = System.nanoTime();
            List<String> violations = runKilled(round);
            progress(round, start);
            judge(round, violations);
        }
        System.out.println("chaos seed " + SEED + ": " + count + " killed-child rounds passed");
    }

    @Test
    void brokerRoundsKeepEveryDocumentedPromise() throws Exception {
        if (!FAULTS.contains(ChaosFault.BROKER_CUT)) {
            return; // the broker leg is not among the chosen faults
        }
        List<ChaosFault> kinds = List.copyOf(FAULTS);
        announce("broker", kinds);
        long budget = System.nanoTime() + Duration.ofSeconds(SECONDS / 2).toNanos();
        int rounds = 0;
        // as docs/distributed.md tells operators: the broker never gives up a message, however often delivered
        try (EmbeddedBroker server = EmbeddedBroker.startWithoutDeliveryLimit(temp.resolve("broker"), "regnotify.#")) {
            for (int n = FIRST_ROUND; ROUNDS != null ? n < FIRST_ROUND + ROUNDS : System.nanoTime() < budget; n++) {
                Round round = ChaosPlan.broker(SEED, n, kinds);
                long start = System.nanoTime();
                List<String> violations = ChaosBrokerLeg.run(round, server, temp.resolve("broker-" + n));
                progress(round, start);
                judge(round, violations);
                rounds++;
            }
        }
        System.out.println("chaos seed " + SEED + ": " + rounds + " broker rounds passed");
    }

    private static void announce(String leg, List<ChaosFault> kinds) {
        System.out.println("chaos seed " + SEED + " (" + leg + ", faults " + kinds + "): replay with -Dchaos.seed="
                + SEED);
    }

    private static void progress(Round round, long startNanos) {
        System.out.println("chaos " + round.describe() + " (" + (System.nanoTime() - startNanos) / 1_000_000
                + " ms)");
    }

    private static void judge(Round round, List<String> violations) {
        if (violations.isEmpty()) {
            return;
        }
        String replay = "chaos seed " + SEED + ": replay with -Dchaos.seed=" + SEED + " -Dchaos.round="
                + round.number() + " -Dchaos.rounds=1" + (System.getProperty("chaos.faults") == null ? ""
                : " -Dchaos.faults=" + System.getProperty("chaos.faults"));
        System.out.println(replay);
        fail(replay + "\n" + round.describe() + "\n  " + String.join("\n  ", violations.subList(0,
                Math.min(20, violations.size()))));
    }

    /** Drives one round in this JVM; @return the broken promises */
    private List<String> runInProcess(Round round) throws Exception {
        List<String> repositories = ChaosPlan.repositories(round.seed(), round.number(), round.events());
        Closer closer = new Closer();
        List<ChaosReceiver> receivers = receivers(round, closer);
        try (ChaosNode node = new ChaosNode(round.setup(), temp.resolve("round-" + round.number()), urls(receivers))) {
            List<Produced> returned = new ArrayList<>();
            List<String> seenMidRound = new ArrayList<>();
            int burstUntil = 0;
            for (int e = 0; e < round.events(); e++) {
                for (Step step : round.steps()) {
                    if (step.until() == e && LaneWatch.applies(round, step)) {
                        LaneWatch.othersFlowWhileRefused(step, round.setup(), returned, node,
                                receivers.get(step.endpoint())).ifPresent(seenMidRound::add);
                    }
                    strike(step, e, node, receivers);
                    if (step.at() == e && step.fault() == ChaosFault.READ) {
                        burstUntil = e + step.param();
                    }
                }
                RegistryEvent event = Notifications.pushedTo(e, RepositoryName.of(repositories.get(e)));
                node.write(event);
                returned.add(new Produced(event.id(), repositories.get(e)));
                if (e >= burstUntil) {
                    LockSupport.parkNanos(round.paceNanos()); // the pace of the registry's traffic, not a wait
                }
            }
            receivers.forEach(ChaosReceiver::heal);
            if (node.files() != null) {
                node.files().heal();
            }
            long[] pending = awaitDrained(node);
            node.close(CLOSE_DRAIN);
            DeliveryChecker checker = new DeliveryChecker(round.setup(), returned, node.refusals().refused(),
                    node.restarts());
            Map<String, List<DeadLetter>> deadLetters = node.deadLetters();
            for (int i = 0; i < receivers.size(); i++) {
                String name = ChaosNode.name(i);
                checker.check(new Outcome(name, receivers.get(i).exchanges(), deadLetters.get(name),
                        node.dropped(name), node.undeliveredAtRestarts(name),
                        receivers.get(i).closedSoonAfterAcceptance(), pending[i], 0), 0);
            }
            checker.checkJournalNotPinnedByDisabled(node.refusals().full());
            seenMidRound.forEach(checker::add);
            return checker.violations();
        } finally {
            closer.close();
        }
    }

    /** Applies what a step does at this event: its start, or the end of its window. */
    static void strike(Step step, int event, ChaosNode node, List<ChaosReceiver> receivers) {
        ChaosReceiver receiver = receivers.get(step.endpoint());
        FaultyFiles files = node == null ? null : node.files();
        if (step.at() != event) {
            if (step.until() == event && step.fault() == ChaosFault.REFUSE) {
                receiver.allow(step.repository());
            } else if (step.until() == event && step.fault() == ChaosFault.AUTH) {
                receiver.refuseAll(0);
            } else if (step.until() == event && step.fault() == ChaosFault.RESTART) {
                node.restart(Duration.ofMillis(step.param()));
                receivers.forEach(ChaosReceiver::nextGeneration);
            }
            return;
        }
        switch (step.fault()) {
            case REFUSE -> receiver.refuse(step.repository(), step.param());
            case AUTH, GONE -> receiver.refuseAll(step.param());
            case TWICE -> receiver.answerTwice(step.count());
            case STALL -> receiver.stall(step.count());
            case HUGE_HEADERS -> receiver.endlessHead(step.count());
            case READ -> files.failReadsAfter(step.until(), step.count());
            case WRITE -> files.failWrites(step.count(), FaultyFiles.WriteFault.values()[step.param()]);
            case FORCE -> files.failForces(step.count());
            case RESTART -> receiver.stall(1); // an attempt in flight when the restart comes
            case KILL -> throw new IllegalStateException("kills belong to the killed-child leg");
            case BROKER_CUT -> throw new IllegalStateException("broker cuts belong to the broker leg");
        }
    }

    /**
     * Kills a journaled child JVM several times, each run under receiver faults, then delivers its journal here with
     * every receiver healed; @return the broken promises
     */
    private List<String> runKilled(Round round) throws Exception {
        ChaosPlan.Setup setup = round.setup();
        Path journal = temp.resolve("killed-" + round.number());
        Closer closer = new Closer();
        List<ChaosReceiver> receivers = receivers(round, closer);
        try {
            List<Produced> returned = new ArrayList<>();
            List<Step> kills = round.steps().stream().filter(s -> s.fault() == ChaosFault.KILL).toList();
            for (Step kill : kills) {
                receivers.forEach(ChaosReceiver::heal);
                receivers.forEach(ChaosReceiver::nextGeneration);
                for (Step step : round.steps()) {
                    if (step.at() == kill.at() && step.fault() != ChaosFault.KILL) {
                        strike(step, step.at(), null, receivers);
                    }
                }
                List<String> args = new ArrayList<>(List.of(journal.toString(), setup.toArg(),
                        Long.toString(round.paceNanos()), Long.toString(round.seed() * 31 + kill.at())));
                urls(receivers).forEach(url -> args.add(url.toString()));
                for (String line : KilledChild.runAndKill(ChaosChild.class, args, kill.count())) {
                    String[] fields = line.split(" ");
                    returned.add(new Produced(fields[0], fields[1]));
                }
            }
            receivers.forEach(ChaosReceiver::heal);
            receivers.forEach(ChaosReceiver::nextGeneration);
            try (ChaosNode node = new ChaosNode(setup, journal, urls(receivers))) {
                long[] pending = awaitDrained(node);
                node.close(CLOSE_DRAIN);
                DeliveryChecker checker = new DeliveryChecker(setup, returned, Set.of(), kills.size());
                Map<String, List<DeadLetter>> deadLetters = node.deadLetters();
                for (int i = 0; i < receivers.size(); i++) {
                    String name = ChaosNode.name(i);
                    checker.check(new Outcome(name, receivers.get(i).exchanges(), deadLetters.get(name),
                            node.dropped(name), 0, receivers.get(i).closedSoonAfterAcceptance(), pending[i], 0),
                            kills.size());
                }
                return checker.violations();
            }
        } finally {
            closer.close();
        }
    }

    /**
     * Waits until every endpoint has delivered what it holds, enabling those a 410 disabled (as an operator would
     * once the receiver is back), within a deadline.
     *
     * @return per endpoint, what it still had pending when the wait ended (all 0 when it drained)
     */
    private static long[] awaitDrained(ChaosNode node) {
        BooleanSupplier drained = () -> {
            node.endpoints().forEach(Endpoint::enable);
            return node.drained();
        };
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (!drained.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000);
        }
        return node.endpoints().stream().mapToLong(e -> e.metrics().getPending()).toArray();
    }

    /** @return the round's receivers, each kept by {@code closer} as soon as it listens */
    static List<ChaosReceiver> receivers(Round round, Closer closer) throws Exception {
        List<ChaosReceiver> receivers = new ArrayList<>();
        for (int i = 0; i < ChaosPlan.ENDPOINTS; i++) {
            receivers.add(closer.keep(new ChaosReceiver(ChaosNode.name(i), round.setup().timeout().toNanos())));
        }
        return receivers;
    }

    static List<URI> urls(List<ChaosReceiver> receivers) {
        return receivers.stream().map(ChaosReceiver::url).toList();
    }
}

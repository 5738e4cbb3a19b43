package dev.regnotify.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.faults.ChaosPlan.Round;
import dev.regnotify.faults.ChaosPlan.Step;
import dev.regnotify.faults.DeliveryChecker.Outcome;
import dev.regnotify.faults.DeliveryChecker.Produced;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.EmbeddedBroker;
import dev.regnotify.testing.Notifications;

/**
 * One round of the broker leg of the seeded fault run: a producing instance forwards the round's events to a real
 * Artemis broker, two delivering instances take them from it and POST them to the receivers, while the run cuts
 * broker connections (a delivering instance's, the forwarders', or all), restarts a delivering instance, and makes
 * the receivers misbehave; then it heals, drains and lets {@link DeliveryChecker} judge, with each endpoint's lost
 * connections as the allowance docs/distributed.md gives for them.
 */
final class ChaosBrokerLeg {

    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(15);
    private static final Duration CLOSE_DRAIN = Duration.ofSeconds(2);

    private ChaosBrokerLeg() {
    }

    /** @return the broken promises of the round */
    static List<String> run(Round round, EmbeddedBroker server, Path directory) throws Exception {
        List<String> repositories = ChaosPlan.repositories(round.seed(), round.number(), round.events());
        Closer closer = new Closer();
        List<ChaosReceiver> receivers = ChaosTest.receivers(round, closer);
        String prefix = "regnotify.round-" + round.number() + ".";
        try (ChaosBrokerNode node = new ChaosBrokerNode(server, round.setup(), directory, prefix,
                ChaosTest.urls(receivers))) {
            List<Produced> returned = new ArrayList<>();
            for (int e = 0; e < round.events(); e++) {
                for (Step step : round.steps()) {
                    strike(step, e, node, receivers);
                }
                RegistryEvent event = Notifications.pushedTo(e, RepositoryName.of(repositories.get(e)));
                node.write(event);
                returned.add(new Produced(event.id(), repositories.get(e)));
                LockSupport.parkNanos(round.paceNanos()); // the pace of the registry's traffic, not a wait
            }
            receivers.forEach(ChaosReceiver::heal);
            long[] pending = awaitDrained(node, receivers.size());
            node.close(CLOSE_DRAIN);
            // nothing is refused by a journal here, and no producing instance stops: nothing may be missing
            DeliveryChecker checker = new DeliveryChecker(round.setup(), returned, Set.of(), 0);
            for (int i = 0; i < receivers.size(); i++) {
                checker.check(new Outcome(ChaosNode.name(i), receivers.get(i).exchanges(), node.deadLetters(i),
                        node.dropped(i), 0, receivers.get(i).closedSoonAfterAcceptance(), pending[i],
                        node.losses(i)), 0);
            }
            return checker.violations();
        } finally {
            closer.close();
        }
    }

    /**
     * Applies what a step does at this event. A cut or a restart starts a new generation of envelopes at the
     * receivers: what the broker gives again is batched anew, which is not a refused batch being split.
     */
    private static void strike(Step step, int event, ChaosBrokerNode node, List<ChaosReceiver> receivers) {
        if (step.fault() == ChaosFault.BROKER_CUT) {
            if (step.at() == event) {
                node.cut(step.param());
                receivers.forEach(ChaosReceiver::nextGeneration);
            }
        } else if (step.fault() == ChaosFault.RESTART && step.at() != event && step.until() == event) {
            node.restart(step.endpoint(), Duration.ofMillis(step.param()));
            receivers.forEach(ChaosReceiver::nextGeneration);
        } else {
            ChaosTest.strike(step, event, null, receivers);
        }
    }

    /**
     * Waits until nothing waits anywhere, enabling the endpoints a 410 disabled, within a deadline.
     *
     * @return per endpoint, what was still to be delivered when the wait ended (all 0 when it drained)
     */
    private static long[] awaitDrained(ChaosBrokerNode node, int endpoints) {
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            node.enableAll();
            if (node.drained()) {
                break;
            }
            LockSupport.parkNanos(5_000_000);
        }
        long[] pending = new long[endpoints];
        for (int i = 0; i < endpoints; i++) {
            pending[i] = node.pending(i);
        }
        return pending;
    }
}

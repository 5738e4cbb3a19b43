package dev.regnotify.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.faults.ChaosPlan.Round;
import dev.regnotify.faults.ChaosPlan.Step;
import dev.regnotify.faults.DeliveryChecker.Produced;
import dev.regnotify.registry.RepositoryName;

/**
 * While a receiver refuses one repository, with {@code maxinflight} above 1: delivery.md promises that "a lane that
 * retries (its receiver refuses an envelope) holds back its own partition only". At the end of a refusal window,
 * before it is lifted, the events of the other lanes produced so far must arrive.
 */
final class LaneWatch {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private LaneWatch() {
    }

    /**
     * @return whether the promise can be judged at the end of this step's window: a refusal with lanes, and nothing
     *         else in the round that holds back or loses events of the other lanes (a fault of the same receiver
     *         that refuses everything or answers twice, another refusal of its overlapping this one, a restart, a
     *         read fault)
     */
    static boolean applies(Round round, Step step) {
        if (step.fault() != ChaosFault.REFUSE || round.setup().maxInFlight() < 2) {
            return false;
        }
        for (Step other : round.steps()) {
            boolean sameReceiver = other.endpoint() == step.endpoint() && other != step;
            boolean overlaps = other.at() < step.until() && (other.until() > step.at() || other.until() == 0);
            switch (other.fault()) {
                case READ, RESTART -> {
                    return false;
                }
                case TWICE -> {
                    if (sameReceiver) {
                        return false;
                    }
                }
                case AUTH, GONE, REFUSE -> {
                    if (sameReceiver && overlaps) {
                        return false;
                    }
                }
                default -> {
                    // stalls and endless heads of the receiver pass within the patience; file faults lose only
                    // what the journal refused
                }
            }
        }
        return true;
    }

    /** @return a broken promise, if the other lanes' events did not arrive within the patience */
    static Optional<String> othersFlowWhileRefused(Step step, ChaosPlan.Setup setup, List<Produced> returned,
            ChaosNode node, ChaosReceiver receiver) {
        int lanes = setup.maxInFlight();
        int refusedLane = lane(step.repository(), lanes);
        Endpoint endpoint = node.endpoint(step.endpoint());
        Set<String> expected = new HashSet<>();
        for (Produced event : returned) {
            if (lane(event.repository(), lanes) != refusedLane) {
                expected.add(event.id());
            }
        }
        expected.removeAll(node.refusals().refused());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(accepted(receiver));
            endpoint.deadLetters().list().stream().map(DeadLetter::eventIds).forEach(missing::removeAll);
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            LockSupport.parkNanos(5_000_000);
        }
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(accepted(receiver));
        return Optional.of(endpoint.name() + ": while " + step.repository() + " was refused (" + step + "), "
                + missing.size() + " events of the other lanes were held back for " + PATIENCE.toSeconds()
                + " s: a lane that retries must hold back its own partition only (delivery.md, maxinflight)");
    }

    /** The lane of a repository: as the endpoint partitions them (by the repository's hash over the lanes). */
    private static int lane(String repository, int lanes) {
        return Math.floorMod(RepositoryName.of(repository).hashCode(), lanes);
    }

    private static Set<String> accepted(ChaosReceiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.exchanges().stream().filter(ChaosReceiver.Exchange::accepted)
                .forEach(x -> x.events().forEach(e -> ids.add(e.id())));
        return ids;
    }
}

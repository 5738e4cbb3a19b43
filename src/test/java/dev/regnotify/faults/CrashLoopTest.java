package dev.regnotify.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.journal.JournalChild;
import dev.regnotify.testing.KilledChild;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * A registry process journaling to two endpoints, one down and one refusing every third request, is killed with
 * SIGKILL at 20 random moments. Restarted with both receivers live, it delivers to each endpoint every event whose
 * operation returned, in order; the only repeats are envelopes that were in flight at a kill.
 */
class CrashLoopTest {

    private static final int KILLS = 20;
    private static final int BATCH = 5; // JournalChild's endpoints batch up to 5 events

    @TempDir
    Path journal;

    @Test
    void everyReturnedEventReachesEachEndpointInOrderAcrossTwentyKills() throws Exception {
        int downPort = Receiver.freePort();
        String down = "http://127.0.0.1:" + downPort + "/events";
        Random random = new Random();
        List<String> returned = new ArrayList<>();
        try (Receiver flaky = Receiver.start().answering(n -> Answer.status(n % 3 == 0 ? 500 : 200))) {
            for (int kill = 0; kill < KILLS; kill++) {
                returned.addAll(KilledChild.runAndKill(JournalChild.class, List.of(journal.toString(), down,
                        flaky.url().toString()), 10 + random.nextInt(140)));
            }
            assertTrue(returned.size() >= KILLS * 10, "returned: " + returned.size());
            assertEquals(returned.size(), Set.copyOf(returned).size(), "ids are unique");

            try (Receiver revived = Receiver.startOn(downPort);
                    WeldContainer container = FaultContainers.start(JournalChild.config(journal, down,
                            flaky.url().toString()))) {
                revived.awaitAccepted(returned.size(), Duration.ofSeconds(60));
                awaitAll(flaky, returned);
                assertDeliveredInOrder("endpoint-1 (down until the restart)", revived, returned, 0);
                assertDeliveredInOrder("endpoint-2 (refusing every third request)", flaky, returned, KILLS * BATCH);
            }
        }
    }

    private static void awaitAll(Receiver receiver, List<String> ids) {
        Polling.await("every returned event accepted", Duration.ofSeconds(60),
                () -> receiver.acceptedIds().containsAll(ids));
    }

    /** Every returned id arrived; their first arrivals are in the order the operations returned. */
    private static void assertDeliveredInOrder(String endpoint, Receiver receiver, List<String> returned,
            int maxRepeats) {
        List<String> all = receiver.acceptedEvents().stream().map(e -> e.getString("id")).toList();
        List<String> firstArrivals = receiver.acceptedIds().stream().filter(Set.copyOf(returned)::contains).toList();
        assertEquals(returned, firstArrivals, endpoint + ": every returned event, in order");
        int repeats = all.size() - receiver.acceptedIds().size();
        assertTrue(repeats <= maxRepeats, endpoint + ": " + repeats + " repeats, at most " + maxRepeats
                + " (one envelope in flight per kill)");
    }
}

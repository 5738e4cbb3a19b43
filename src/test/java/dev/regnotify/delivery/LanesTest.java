package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.attempts.AttemptLog;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.deadletter.DeadLetterStore;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Lanes alone, on threads of their own and by turns on a pool, over an in-memory queue and a transport that refuses
 * one repository: what the others deliver, and what the queue is told, without HTTP.
 */
@ParameterizedClass(name = "pooled {0}")
@ValueSource(booleans = {false, true})
class LanesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern ID = Pattern.compile("event-\\d{6}");
    private static final RepositoryName STUCK = RepositoryName.of("team/stuck");

    /** Accepts every envelope but those with an event of the stuck repository, until healed. */
    private static final class RefusingOneRepository implements Sink {
        final Map<String, List<String>> accepted = new ConcurrentHashMap<>();
        final List<String> acceptedIds = new CopyOnWriteArrayList<>();
        volatile boolean healed;

        @Override
        public void send(Envelope envelope) throws DeliveryException {
            String body = new String(envelope.body(), StandardCharsets.UTF_8);
            if (!healed && body.contains(STUCK.toString())) {
                throw new DeliveryException("refused", 503, "", null);
            }
            Matcher ids = ID.matcher(body);
            while (ids.find()) {
                acceptedIds.add(ids.group());
            }
        }

        @Override
        public void close() {
        }
    }

    @Parameter
    boolean pooled;

    private final InMemoryQueue queue = new InMemoryQueue(10_000);
    private final RefusingOneRepository sink = new RefusingOneRepository();
    private EndpointState state;
    private Thread dispatcher;
    private DeliveryPool pool;
    private PooledLanes pooledLanes;
    private final CountDownLatch ended = new CountDownLatch(1);

    private void start(int maxInFlight) {
        EndpointConfig config = EndpointConfig.builder("hook", URI.create("http://127.0.0.1:9/hook"))
                .maxInFlight(maxInFlight).batch(new BatchConfig(10, 1 << 20)).threshold(1)
                .backoff(Duration.ofMillis(5)).build();
        EndpointCounters counters = new EndpointCounters("hook", config.url());
        state = new EndpointState(config, counters, DeliveryListener.NONE, Clock.systemUTC(),
                AttemptLog.inMemory("hook", 0));
        DeadLetterDesk desk = new DeadLetterDesk("hook", new DeadLetterStore("hook", 1000, null), 1000, counters,
                () -> state.taken() + queue.pending(), state::notify, state::dropped, Clock.systemUTC());
        DistributionFormat format = new DistributionFormat(config.envelope().format(), new NotificationFactory(null,
                false));
        if (pooled) {
            pool = new DeliveryPool(2, Executors.defaultThreadFactory());
            pooledLanes = new PooledLanes(state, desk, format, queue, sink, pool, ended::countDown);
            return;
        }
        Lanes lanes = new Lanes(state, desk, format, queue, sink, Executors.defaultThreadFactory());
        dispatcher = new Thread(() -> {
            try {
                lanes.run();
            } catch (DeliveryAbandonedException | InterruptedException e) {
                // stopped by the test
            }
        }, "lanes-test");
        dispatcher.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        state.stop().abandon();
        if (pooled) {
            pooledLanes.wake();
            assertTrue(ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the lanes' turns ended");
            pool.close();
            return;
        }
        dispatcher.interrupt();
        dispatcher.join(WAIT.toMillis());
    }

    private static RegistryEvent event(int n) {
        return Notifications.pushedTo(n, n == 0 ? STUCK : RepositoryName.of("team/repo-" + (n % 7)));
    }

    @Test
    void oneRepositoryRefusedHoldsBackOnlyItsLaneAndTheQueueIsNotAcknowledgedPastIt() {
        int lanes = 4;
        start(lanes);
        int events = 200;
        int stuckLane = Lane.indexOf(event(0), lanes);
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            queue.offer(event(i));
            if (Lane.indexOf(event(i), lanes) != stuckLane) {
                free.add(i);
            }
        }
        assertTrue(free.size() > 0 && free.size() < events - 1, "the repositories spread over several lanes");
        Polling.await("every event of the other lanes", WAIT, () -> sink.acceptedIds.size() == free.size());
        for (int repository = 0; repository < 7; repository++) {
            int r = repository;
            List<String> expected = free.stream().filter(i -> i % 7 == r).map(Notifications::id).toList();
            List<String> arrived = sink.acceptedIds.stream().filter(expected::contains).toList();
            assertEquals(expected, arrived, "in order within team/repo-" + r);
        }
        assertEquals(events, queue.pending(), "nothing acknowledged past the event still refused");

        sink.healed = true;
        Polling.await("all acknowledged once the stuck event is delivered", WAIT, () -> queue.pending() == 0);
        assertEquals(events, sink.acceptedIds.size());
    }

    @Test
    void theDispatcherTakesNoMoreThanAWindowBehindAnEventStillRefused() {
        start(2);
        int window = LaneWindow.size(state.config());
        int events = window + 500;
        int stuckLane = Lane.indexOf(event(0), 2);
        long freeInWindow = 0;
        for (int i = 0; i < events; i++) {
            queue.offer(event(i));
            if (i < window && Lane.indexOf(event(i), 2) != stuckLane) {
                freeInWindow++;
            }
        }
        long free = freeInWindow;
        assertTrue(free > 0 && free < window - 1, "the repositories spread over both lanes");
        Polling.await("the window's events of the other lane delivered", WAIT,
                () -> sink.acceptedIds.size() == free);
        assertEquals(window, state.taken(), "taken from the queue: one window, no more");
        assertEquals(events, queue.pending());

        sink.healed = true;
        Polling.await("the rest once it is delivered", WAIT, () -> queue.pending() == 0);
        assertEquals(events, sink.acceptedIds.size());
    }
}

package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.attempts.AttemptLog;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.deadletter.DeadLetterStore;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.EndpointDisabled;
import dev.regnotify.delivery.http.StatusText;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.delivery.retry.ExponentialSchedule;
import dev.regnotify.delivery.retry.RetrySchedule;
import dev.regnotify.testing.MovableClock;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * The retrying sender against a scripted transport and a clock the test moves: every rule of docs/delivery.md's
 * retries, without a receiver or a wait.
 */
class RetryingSenderTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final RetryConfig EXPONENTIAL = RetryConfig.exponential(Duration.ofMillis(1),
            Duration.ofMillis(1));

    /** A transport that answers each envelope with the status its script gives for the envelope's event ids. */
    private static final class ScriptedSink implements Sink {
        final List<List<String>> attempts = new CopyOnWriteArrayList<>();
        final List<List<String>> accepted = new CopyOnWriteArrayList<>();
        private final Function<List<String>, Integer> script;

        ScriptedSink(Function<List<String>, Integer> script) {
            this.script = script;
        }

        @Override
        public void send(Envelope envelope) throws DeliveryException {
            JsonObject body = Json.createReader(new ByteArrayInputStream(envelope.body())).readObject();
            List<String> ids = body.getJsonArray("events").stream().map(e -> e.asJsonObject().getString("id"))
                    .toList();
            attempts.add(ids);
            int status = script.apply(ids);
            if (status / 100 != 2) {
                throw new DeliveryException("refused", status, StatusText.line(status), null);
            }
            accepted.add(ids);
        }

        @Override
        public void close() {
        }
    }

    private final MovableClock clock = new MovableClock(T0);
    private final List<DeliveryEvent> told = new CopyOnWriteArrayList<>();
    // what else hearing an event does: the test moves the clock there, between a failure and the next attempt
    private java.util.function.Consumer<DeliveryEvent> onTold = event -> { };
    private EndpointState state;
    private DeadLetterDesk deadLetters;
    private EnvelopeBuilder builder;

    private RetryingSender sender(RetryConfig retry, Sink sink) {
        EndpointConfig config = EndpointConfig.of("hook", URI.create("http://127.0.0.1:9/hook"))
                .withRetry(Duration.ofSeconds(1), 3, Duration.ofMillis(1)).withRetryPolicy(retry)
                .withBatch(new BatchConfig(64, 1 << 20));
        EndpointCounters counters = new EndpointCounters("hook", config.url());
        state = new EndpointState(config, counters, event -> {
            told.add(event);
            onTold.accept(event);
        }, clock, AttemptLog.inMemory(config.name(), 100));
        deadLetters = new DeadLetterDesk("hook", new DeadLetterStore("hook", 1000, null), 1000, counters,
                state::taken, told::add, count -> { }, clock);
        builder = new EnvelopeBuilder(new DistributionFormat(config.format(), new NotificationFactory(null, false)),
                config.batch(), "hook");
        // no wait between attempts: the pacing is the schedules' own tests' business
        RetrySchedule schedule = new ExponentialSchedule(Duration.ofNanos(1), Duration.ofNanos(1),
                () -> clock.instant().toEpochMilli() * 1_000_000, () -> 0.0);
        return new RetryingSender(state, deadLetters, builder, sink, schedule);
    }

    private EnvelopeBuilder.Batch events(int count) {
        List<RegistryEvent> events = IntStream.range(0, count).mapToObj(Notifications::numbered).toList();
        return builder.of(events);
    }

    @Test
    void withoutBoundsTheAttemptsNeverEndAsInDistribution() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedSink sink = new ScriptedSink(ids -> calls.incrementAndGet() <= 25 ? 500 : 200);
        sender(RetryConfig.DISTRIBUTION, sink).deliver(events(3), null);
        assertEquals(26, sink.attempts.size());
        assertEquals(List.of(Notifications.ids(0, 3)), sink.accepted);
        assertEquals(0, deadLetters.store().count());
    }

    @Test
    void maxAttemptsMakesADeadLetterWithTheReceiversLastAnswer() throws Exception {
        ScriptedSink sink = new ScriptedSink(ids -> 503);
        sender(EXPONENTIAL.withBounds(3, Duration.ZERO), sink).deliver(events(2), null);
        assertEquals(3, sink.attempts.size());
        DeadLetter letter = deadLetters.store().list().get(0);
        assertEquals(Notifications.ids(0, 2), letter.eventIds());
        assertEquals(3, letter.attempts());
        assertEquals("503 Service Unavailable", letter.lastError());
    }

    @Test
    void maxAgeEndsTheAttemptsOnceTheNextWouldComeAfterIt() throws Exception {
        ScriptedSink sink = new ScriptedSink(ids -> {
            clock.advance(Duration.ofMinutes(4)); // each attempt takes four minutes of the clock
            return 500;
        });
        sender(EXPONENTIAL.withBounds(0, Duration.ofMinutes(10)), sink).deliver(events(1), null);
        assertEquals(3, sink.attempts.size(), "at 0, 4 and 8 minutes; the next, at 12, would be too late");
        DeadLetter letter = deadLetters.store().list().get(0);
        assertEquals(T0, letter.firstAttempt());
        assertEquals(T0.plus(Duration.ofMinutes(8)), letter.lastAttempt());
    }

    /** A retry due within maxage that comes late (its thread was busy, the machine loaded) is not made after it. */
    @Test
    void aRetryThatComesAfterMaxAgeIsNotMadeAndTheEnvelopeIsADeadLetter() throws Exception {
        ScriptedSink sink = new ScriptedSink(ids -> 500);
        onTold = event -> clock.advance(Duration.ofMinutes(11)); // between the failure and the retry due at once
        sender(EXPONENTIAL.withBounds(0, Duration.ofMinutes(10)), sink).deliver(events(1), null);
        assertEquals(1, sink.attempts.size(), "the retry would have begun 11 minutes after the first attempt");
        DeadLetter letter = deadLetters.store().list().get(0);
        assertEquals(1, letter.attempts());
        assertEquals(T0, letter.lastAttempt());
        assertEquals("500 Internal Server Error", letter.lastError());
    }

    @Test
    void aBatchRefusedAsBadIsHalvedUntilThePoisonEventStandsAlone() throws Exception {
        String poison = Notifications.id(5);
        ScriptedSink sink = new ScriptedSink(ids -> ids.contains(poison) ? 400 : 200);
        sender(EXPONENTIAL.withBounds(1, Duration.ZERO), sink).deliver(events(8), null);
        assertEquals(List.of(List.of(poison)), deadLetters.store().list().stream().map(DeadLetter::eventIds)
                .toList());
        List<String> accepted = sink.accepted.stream().flatMap(List::stream).toList();
        List<String> others = new ArrayList<>(Notifications.ids(0, 8));
        others.remove(poison);
        assertEquals(others, accepted, "the others once each, in order");
    }

    @Test
    void aRefusalOfTheWholeRequestIsNeverSplit() throws Exception {
        ScriptedSink sink = new ScriptedSink(ids -> 401);
        sender(EXPONENTIAL.withBounds(2, Duration.ZERO), sink).deliver(events(8), null);
        assertEquals(2, sink.attempts.size());
        assertTrue(sink.attempts.stream().allMatch(ids -> ids.size() == 8), sink.attempts::toString);
        assertEquals(1, deadLetters.store().count());
    }

    @Test
    void goneDisablesTheEndpointAndTheEnvelopeWaitsUntilItIsEnabled() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedSink sink = new ScriptedSink(ids -> calls.incrementAndGet() == 1 ? 410 : 200);
        RetryingSender sender = sender(EXPONENTIAL.withBounds(1, Duration.ZERO), sink);
        Thread sending = new Thread(() -> {
            try {
                sender.deliver(events(1), null);
            } catch (DeliveryAbandonedException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        sending.start();
        Polling.await("disabled", Duration.ofSeconds(10), state::isDisabled);
        assertEquals(1, sink.attempts.size(), "no attempt while disabled");
        assertTrue(state.enable());
        sending.join(10_000);
        assertEquals(List.of(Notifications.ids(0, 1)), sink.accepted);
        assertEquals(0, deadLetters.store().count(), "a disabled endpoint's attempts do not run out");
        assertTrue(told.stream().anyMatch(EndpointDisabled.class::isInstance));
    }

    @Test
    void anAttemptCancelledAtShutdownSpendsNoAttemptAndMakesNoDeadLetter() {
        ScriptedSink sink = new ScriptedSink(ids -> {
            state.stop().abandon(); // the endpoint is closed while the attempt is in flight: it fails
            return 500;
        });
        RetryingSender sender = sender(EXPONENTIAL.withBounds(1, Duration.ZERO), sink);
        assertThrows(DeliveryAbandonedException.class, () -> sender.deliver(events(1), null));
        assertEquals(0, deadLetters.store().count());
    }

    @Test
    void aReplayWhoseLetterIsPurgedEndsAtItsNextFailure() throws Exception {
        ScriptedSink sink = new ScriptedSink(ids -> {
            deadLetters.store().removeIf(letter -> true); // purged while the replay is in flight
            return 500;
        });
        RetryingSender sender = sender(EXPONENTIAL.withBounds(1, Duration.ZERO), sink);
        DeadLetter kept = deadLetters.store().add(new DeadLetter(0, "hook", List.of(Notifications.numbered(0)), 1,
                T0, T0, "500 Internal Server Error")).letter();
        sender.deliver(events(1), new RetryingSender.Origin(kept.id(), kept.attempts(), kept.firstAttempt()));
        assertEquals(1, sink.attempts.size());
        assertEquals(0, deadLetters.store().count(), "purged is purged: it does not come back");
    }
}

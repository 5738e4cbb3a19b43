package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.DeliveryExhausted;
import dev.regnotify.delivery.events.DeliveryFailed;
import dev.regnotify.delivery.events.EndpointDisabled;
import dev.regnotify.delivery.events.EndpointRecovered;
import dev.regnotify.delivery.events.NotificationsDropped;
import dev.regnotify.journal.Journal;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Retries that end, poison events, dead letters, replay and delivery events, against real receivers on 127.0.0.1.
 */
class DeadLettersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final RetryConfig FAST = RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(50));

    @RegisterExtension
    final Closer closer = new Closer();
    private final BlockingQueue<DeliveryEvent> told = new LinkedBlockingQueue<>();

    @TempDir
    Path dir;

    private Receiver receiver() {
        return closer.keep(Receiver.start());
    }

    private Endpoint start(EndpointConfig config) {
        return start(config, new InMemoryQueue(config.queueCapacity()), null);
    }

    private Endpoint start(EndpointConfig config, NotificationQueue queue, DeadLetterFiles files) {
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                new NotificationFactory(null, false)), queue, Executors.defaultThreadFactory(), files, told::add);
        closer.keep(() -> endpoint.close(Duration.ZERO));
        return endpoint;
    }

    /** @return an endpoint that starts with events 0 to count - 1 in its queue: its first batch holds them all */
    private Endpoint startQueued(EndpointConfig config, int count) {
        InMemoryQueue queue = new InMemoryQueue(config.queueCapacity());
        for (int i = 0; i < count; i++) {
            queue.offer(Notifications.numbered(i));
        }
        return start(config, queue, null);
    }

    private static EndpointConfig config(Receiver receiver, RetryConfig retry) {
        return EndpointConfig.of("hook", receiver.url()).withRetry(Duration.ofSeconds(5), 3, Duration.ofMillis(10))
                .withRetryPolicy(retry);
    }

    private static void offer(Endpoint endpoint, int from, int toExclusive) {
        for (int i = from; i < toExclusive; i++) {
            endpoint.offer(Notifications.numbered(i));
        }
    }

    private <T extends DeliveryEvent> T awaitTold(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            DeliveryEvent event = told.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
    }

    private static void awaitDeadLetters(Endpoint endpoint, int count) {
        Polling.await(count + " dead letters", WAIT, () -> endpoint.deadLetters().count() >= count);
    }

    @Test
    void aBatchWithOnePoisonEventDeliversTheOther99AndDeadLettersThatOne() throws Exception {
        String poison = Notifications.id(42);
        Receiver receiver = receiver().answeringByBody(body -> body.contains(poison)
                ? Answer.refusal(400, "event " + poison + " is not valid") : Answer.status(200));
        Endpoint endpoint = startQueued(config(receiver, FAST.withBounds(2, Duration.ZERO))
                .withBatch(new BatchConfig(100, 1 << 20)), 100);
        awaitDeadLetters(endpoint, 1);
        receiver.awaitAccepted(99, WAIT);

        List<String> expected = new ArrayList<>(Notifications.ids(0, 100));
        expected.remove(poison);
        assertEquals(expected, receiver.acceptedIds(), "the 99 others, in order");
        assertEquals(99, receiver.acceptedEvents().size(), "none of them accepted twice");
        DeadLetter letter = endpoint.deadLetters().list().get(0);
        assertEquals(List.of(poison), letter.eventIds());
        assertEquals(2, letter.attempts(), "only the event alone exhausts its attempts");
        assertEquals("400 Bad Request: event " + poison + " is not valid", letter.lastError());
        assertEquals(1, endpoint.metrics().getDeadLettered());
        assertEquals(1, endpoint.metrics().getDeadLetters());
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
        DeliveryExhausted exhausted = awaitTold(DeliveryExhausted.class);
        assertEquals(List.of(poison), exhausted.eventIds());
        assertEquals(letter.id(), exhausted.deadLetter());
    }

    @Test
    void withoutBoundsABatchIsNeverSplitAsDistributionDoes() {
        Receiver receiver = receiver().answering(n -> n <= 2 ? Answer.status(400) : Answer.status(200));
        Endpoint endpoint = startQueued(config(receiver, RetryConfig.DISTRIBUTION)
                .withBatch(new BatchConfig(10, 1 << 20)), 10);
        receiver.awaitAccepted(10, WAIT);
        List<Receiver.Request> requests = receiver.requests();
        assertEquals(3, requests.size(), "two refused, one accepted");
        for (Receiver.Request request : requests) {
            assertEquals(10, request.events().size(), "every attempt carries the whole batch");
        }
        assertEquals(0, endpoint.deadLetters().count());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 405})
    void aRefusalNoSingleEventCanCauseIsNeverSplit(int status) {
        Receiver receiver = receiver().answering(n -> Answer.status(status));
        Endpoint endpoint = startQueued(config(receiver, FAST.withBounds(2, Duration.ZERO))
                .withBatch(new BatchConfig(64, 1 << 20)), 64);
        awaitDeadLetters(endpoint, 1);
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
        assertEquals(2, receiver.attempts(), "the envelope's two attempts, whole");
        assertEquals(List.of(Notifications.ids(0, 64)), endpoint.deadLetters().list().stream()
                .map(DeadLetter::eventIds).toList(), "one letter with every event");
    }

    @Test
    void anAttemptCancelledAtShutdownIsNoFailedAttemptAndMakesNoDeadLetter() throws Exception {
        Receiver receiver = receiver().answering(n -> Answer.hang());
        Endpoint endpoint = start(config(receiver, FAST.withBounds(1, Duration.ZERO)));
        offer(endpoint, 0, 1);
        Polling.await("the attempt in flight", WAIT, () -> receiver.attempts() == 1);
        assertEquals(1, endpoint.close(Duration.ofMillis(100)), "the event is reported undelivered");
        assertEquals(0, endpoint.deadLetters().count(), "not a dead letter: its receiver never answered");
        assertEquals(0, endpoint.metrics().getDeadLettered());
        assertTrue(told.stream().noneMatch(DeliveryExhausted.class::isInstance), told::toString);
    }

    @Test
    void aLetterPurgedWhileItsReplayIsInFlightDoesNotComeBack() {
        Receiver receiver = receiver().answering(n -> Answer.status(500));
        Endpoint endpoint = start(config(receiver, FAST.withBounds(1, Duration.ZERO)));
        offer(endpoint, 0, 1);
        awaitDeadLetters(endpoint, 1);
        long id = endpoint.deadLetters().list().get(0).id();
        receiver.answering(n -> n == 2 ? Answer.hangThen(500) : Answer.status(500));
        assertTrue(endpoint.replay(id));
        Polling.await("the replay in flight", WAIT, () -> receiver.attempts() == 2);
        assertEquals(1, new DeadLetters(List.of(endpoint)).purge("hook"));
        receiver.release();
        Polling.await("the replay settled", WAIT, () -> endpoint.replaying() == 0);
        assertEquals(0, endpoint.deadLetters().count(), "purged is purged");
        assertEquals(0, endpoint.metrics().getDeadLetters());
    }

    @Test
    void maxAttemptsEndsTheAttemptsAndTellsEachFailure() throws Exception {
        Receiver receiver = receiver().answering(n -> Answer.refusal(500, "down for maintenance"));
        Endpoint endpoint = start(config(receiver, FAST.withBounds(3, Duration.ZERO)));
        offer(endpoint, 0, 1);
        awaitDeadLetters(endpoint, 1);
        assertEquals(3, receiver.attempts());
        DeadLetter letter = endpoint.deadLetters().list().get(0);
        assertEquals(3, letter.attempts());
        assertEquals("500 Internal Server Error: down for maintenance", letter.lastError());
        assertFalse(letter.lastAttempt().isBefore(letter.firstAttempt()));
        for (int attempt = 1; attempt <= 3; attempt++) {
            DeliveryFailed failed = awaitTold(DeliveryFailed.class);
            assertEquals(attempt, failed.attempt());
            assertEquals(500, failed.status());
            assertEquals(List.of(Notifications.id(0)), failed.eventIds());
            if (attempt < 3) {
                assertNotNull(failed.nextAttempt(), "a next attempt is due");
            } else {
                assertNull(failed.nextAttempt(), "the last attempt has none after it");
            }
        }
        assertEquals(3, endpoint.metrics().getAttempts());
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
    }

    @Test
    void maxAgeEndsTheAttemptsOnceTheNextWouldComeTooLate() {
        Receiver receiver = receiver().answering(n -> Answer.status(503));
        Endpoint endpoint = start(config(receiver, RetryConfig.exponential(Duration.ofMillis(20),
                Duration.ofMillis(100)).withBounds(0, Duration.ofMillis(400))));
        offer(endpoint, 0, 1);
        awaitDeadLetters(endpoint, 1);
        DeadLetter letter = endpoint.deadLetters().list().get(0);
        assertTrue(letter.attempts() >= 2, "several attempts within the age: " + letter.attempts());
        assertEquals(letter.attempts(), receiver.attempts());
        Duration span = Duration.between(letter.firstAttempt(), letter.lastAttempt());
        assertTrue(span.compareTo(Duration.ofMillis(400)) <= 0, "no attempt after maxage: " + span);
    }

    @Test
    void replayAfterTheReceiverIsFixedKeepsTheIdsAndEmptiesTheDeadLetters() throws Exception {
        Receiver receiver = receiver().answering(n -> Answer.status(500));
        Endpoint endpoint = startQueued(config(receiver, FAST.withBounds(1, Duration.ZERO))
                .withBatch(new BatchConfig(5, 1 << 20)), 5);
        awaitDeadLetters(endpoint, 1);
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
        receiver.answering(n -> Answer.status(200));

        assertEquals(1, new DeadLetters(List.of(endpoint)).replay("hook"));
        receiver.awaitAccepted(5, WAIT);
        assertEquals(Notifications.ids(0, 5), receiver.acceptedIds(), "the same ids, in order");
        Polling.await("the letter gone once delivered", WAIT, () -> endpoint.deadLetters().count() == 0);
        assertEquals(0, endpoint.replaying());
        assertEquals(5, endpoint.metrics().getReplayed());
        assertEquals(0, endpoint.metrics().getDeadLetters());
        awaitTold(EndpointRecovered.class);
    }

    @Test
    void aReplayedLetterGoesBehindWhatIsQueued() {
        String poison = Notifications.id(0);
        Receiver receiver = receiver().answeringByBody(body -> body.contains(poison) ? Answer.status(422)
                : Answer.status(200));
        Endpoint endpoint = start(config(receiver, FAST.withBounds(1, Duration.ZERO)));
        offer(endpoint, 0, 1);
        awaitDeadLetters(endpoint, 1);
        // the next request hangs: what is offered now waits in the queue while the replay is asked for
        receiver.answering(n -> n == 2 ? Answer.hang() : Answer.status(200));
        offer(endpoint, 1, 4);
        Polling.await("the first of them in flight", WAIT, () -> receiver.attempts() >= 2);
        assertTrue(endpoint.replay(endpoint.deadLetters().list().get(0).id()));
        assertFalse(endpoint.replay(endpoint.deadLetters().list().get(0).id()), "asked once is enough");
        receiver.release();
        receiver.awaitAccepted(4, WAIT);
        assertEquals(List.of(Notifications.id(1), Notifications.id(2), Notifications.id(3), poison),
                receiver.acceptedIds());
    }

    @Test
    void goneDisablesTheEndpointUntilEnabledAndNothingIsLost() throws Exception {
        Receiver receiver = receiver().answering(n -> n == 1 ? Answer.status(410) : Answer.status(200));
        Endpoint endpoint = start(config(receiver, FAST.withBounds(2, Duration.ZERO)));
        offer(endpoint, 0, 3);
        EndpointDisabled disabled = awaitTold(EndpointDisabled.class);
        assertEquals("hook", disabled.endpoint());
        assertTrue(disabled.reason().contains("410 Gone"), disabled.reason());
        assertTrue(endpoint.isDisabled());
        assertTrue(endpoint.metrics().isDisabled());
        assertEquals(1, receiver.attempts(), "no attempt while disabled");
        assertEquals(3, endpoint.metrics().getPending(), "its events stay queued");

        assertTrue(endpoint.metrics().enable(), "enabled over the endpoint's MBean interface");
        receiver.awaitAccepted(3, WAIT);
        assertEquals(Notifications.ids(0, 3), receiver.acceptedIds());
        assertEquals(0, endpoint.deadLetters().count(), "a disabled endpoint's attempts do not run out");
        assertFalse(endpoint.isDisabled());
        assertEquals(1, awaitTold(EndpointRecovered.class).failedAttempts());
    }

    @Test
    void goneIsOneMoreFailureUnderDistributionsRule() {
        Receiver receiver = receiver().answering(n -> n == 1 ? Answer.status(410) : Answer.status(200));
        Endpoint endpoint = start(config(receiver, RetryConfig.DISTRIBUTION));
        offer(endpoint, 0, 1);
        receiver.awaitAccepted(1, WAIT);
        assertFalse(endpoint.isDisabled());
    }

    @Test
    void fullInMemoryDeadLettersDropTheOldestAndSaySo() throws Exception {
        Receiver receiver = receiver().answering(n -> Answer.status(500));
        Endpoint endpoint = start(config(receiver, FAST.withBounds(1, Duration.ZERO)).withQueueCapacity(2));
        offer(endpoint, 0, 1);
        awaitDeadLetters(endpoint, 1);
        offer(endpoint, 1, 2);
        awaitDeadLetters(endpoint, 2);
        offer(endpoint, 2, 3);
        Polling.await("the oldest evicted", WAIT, () -> endpoint.metrics().getDropped() == 1);
        assertEquals(List.of(List.of(Notifications.id(1)), List.of(Notifications.id(2))), endpoint.deadLetters()
                .list().stream().map(DeadLetter::eventIds).toList());
        NotificationsDropped dropped = awaitTold(NotificationsDropped.class);
        assertEquals(1, dropped.count());
    }

    @Test
    void aListenerThatThrowsNeverStopsDelivery() {
        Receiver receiver = receiver().answering(n -> n <= 2 ? Answer.status(500) : Answer.status(200));
        EndpointConfig config = config(receiver, FAST);
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                new NotificationFactory(null, false)), new InMemoryQueue(100), Executors.defaultThreadFactory(), null,
                event -> {
                    throw new IllegalStateException("observer bug");
                });
        closer.keep(() -> endpoint.close(Duration.ZERO));
        offer(endpoint, 0, 3);
        receiver.awaitAccepted(3, WAIT);
        assertEquals(Notifications.ids(0, 3), receiver.acceptedIds());
    }

    @Test
    void withLanesOnlyThePoisonEventIsDeadAndTheRestArrive() {
        String poison = Notifications.id(7);
        Receiver receiver = receiver().answeringByBody(body -> body.contains(poison) ? Answer.status(400)
                : Answer.status(200));
        Endpoint endpoint = start(config(receiver, FAST.withBounds(1, Duration.ZERO)).withMaxInFlight(4)
                .withBatch(new BatchConfig(8, 1 << 20)));
        for (int i = 0; i < 64; i++) {
            endpoint.offer(Notifications.pushedTo(i, dev.regnotify.registry.RepositoryName.of("repo/" + i % 8)));
        }
        awaitDeadLetters(endpoint, 1);
        receiver.awaitAccepted(63, WAIT);
        assertEquals(63, receiver.acceptedEvents().size());
        assertEquals(List.of(poison), endpoint.deadLetters().list().get(0).eventIds());
        Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
    }

    @Test
    void deadLettersSurviveARestartWithTheJournalAndReplayThere() throws Exception {
        JournalConfig journalConfig = JournalConfig.in(dir.resolve("journal"));
        Receiver receiver = receiver().answering(n -> Answer.refusal(500, "not today"));
        EndpointConfig config = config(receiver, FAST.withBounds(2, Duration.ZERO))
                .withBatch(new BatchConfig(3, 1 << 20));
        try (Journal journal = Journal.open(journalConfig, Executors.defaultThreadFactory())) {
            NotificationQueue cursor = journal.cursor("hook", event -> true);
            Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                    new NotificationFactory(null, false)), cursor, Executors.defaultThreadFactory(),
                    journal.deadLetterFiles("hook"), told::add);
            Broadcaster broadcaster = new Broadcaster(List.of(endpoint), journal);
            for (int i = 0; i < 3; i++) {
                broadcaster.write(Notifications.numbered(i));
            }
            Polling.await("nothing pending", WAIT, () -> endpoint.metrics().getPending() == 0);
            broadcaster.close(Duration.ZERO);
        }
        // the endpoint may have taken the first event before the others were written: one letter or more
        List<DeadLetter> listed = Journal.readDeadLetters(journalConfig.directory());
        assertEquals(Notifications.ids(0, 3), listed.stream().flatMap(l -> l.eventIds().stream()).toList(),
                "listed from outside, as --dead-letters does");
        assertEquals("500 Internal Server Error: not today", listed.get(0).lastError());

        receiver.answering(n -> Answer.status(200));
        try (Journal journal = Journal.open(journalConfig, Executors.defaultThreadFactory())) {
            Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                    new NotificationFactory(null, false)), journal.cursor("hook", event -> true),
                    Executors.defaultThreadFactory(), journal.deadLetterFiles("hook"), told::add);
            try {
                List<DeadLetter> letters = endpoint.deadLetters().list();
                assertEquals(listed.stream().map(DeadLetter::id).toList(), letters.stream().map(DeadLetter::id)
                        .toList());
                assertTrue(letters.stream().allMatch(letter -> letter.attempts() == 2), letters.toString());
                assertEquals(letters.size(), endpoint.replay(letter -> true));
                receiver.awaitAccepted(3, WAIT);
                assertEquals(Notifications.ids(0, 3), receiver.acceptedIds());
                Polling.await("the letter gone", WAIT, () -> endpoint.deadLetters().count() == 0);
            } finally {
                endpoint.close(Duration.ZERO);
            }
        }
        assertEquals(List.of(), Journal.readDeadLetters(journalConfig.directory()), "its file is gone too");
    }

    @Test
    void aDeadLettersIdIsNeverGivenAgainAfterARestartEvenOnceTheLetterIsGone() {
        JournalConfig journalConfig = JournalConfig.in(dir.resolve("journal"));
        Receiver receiver = receiver().answering(n -> Answer.status(500));
        EndpointConfig config = config(receiver, FAST.withBounds(1, Duration.ZERO));
        List<Long> ids = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (Journal journal = Journal.open(journalConfig, Executors.defaultThreadFactory())) {
                Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                        new NotificationFactory(null, false)), journal.cursor("hook", event -> true),
                        Executors.defaultThreadFactory(), journal.deadLetterFiles("hook"), told::add);
                try {
                    new Broadcaster(List.of(endpoint), journal).write(Notifications.numbered(run));
                    awaitDeadLetters(endpoint, 1);
                    ids.add(endpoint.deadLetters().list().get(0).id());
                    assertEquals(1, new DeadLetters(List.of(endpoint)).purge("hook"));
                } finally {
                    endpoint.close(Duration.ZERO);
                }
            }
        }
        assertTrue(ids.get(1) > ids.get(0), "ids " + ids);
    }

    @Test
    void aReplayThatFailsAgainStaysADeadLetterWithItsAttemptsAddedUp() {
        Receiver receiver = receiver().answering(n -> Answer.status(500));
        Endpoint endpoint = start(config(receiver, FAST.withBounds(2, Duration.ZERO)));
        offer(endpoint, 0, 1);
        awaitDeadLetters(endpoint, 1);
        DeadLetter first = endpoint.deadLetters().list().get(0);
        Instant firstAttempt = first.firstAttempt();
        assertTrue(endpoint.replay(first.id()));
        Polling.await("the replay settled", WAIT, () -> endpoint.replaying() == 0);
        List<DeadLetter> letters = endpoint.deadLetters().list();
        assertEquals(1, letters.size());
        assertEquals(4, letters.get(0).attempts());
        assertEquals(firstAttempt, letters.get(0).firstAttempt());
        assertEquals(first.eventIds(), letters.get(0).eventIds());
    }
}

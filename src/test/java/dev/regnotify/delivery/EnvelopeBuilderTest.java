package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.Format;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.EnvelopeFormat;
import dev.regnotify.wire.NotificationFactory;

/** The batching rules of docs/delivery.md, one envelope at a time, from a source that is a plain list. */
class EnvelopeBuilderTest {

    private static final EnvelopeFormat V2 = new DistributionFormat(Format.V2, new NotificationFactory(null, false));

    /** Events from a list; after {@code failAfter} polls, each poll fails (a journal read that fails). */
    private static final class ListSource implements EnvelopeBuilder.Source {
        private final Deque<RegistryEvent> events = new ArrayDeque<>();
        private int failAfter = Integer.MAX_VALUE;

        ListSource(int count) {
            for (int i = 0; i < count; i++) {
                events.add(Notifications.numbered(i));
            }
        }

        @Override
        public RegistryEvent poll(Duration wait) {
            return poll();
        }

        @Override
        public RegistryEvent poll() {
            if (failAfter-- <= 0) {
                throw new IllegalStateException("read failed");
            }
            return events.poll();
        }
    }

    /** distribution's format, refusing to encode the events it is told of. */
    private static EnvelopeFormat refusing(Set<String> ids) {
        return format(ids, true);
    }

    /** distribution's format, refusing to encode some events, batching or not. */
    private static EnvelopeFormat format(Set<String> ids, boolean batches) {
        return new EnvelopeFormat() {
            @Override
            public String contentType() {
                return V2.contentType();
            }

            @Override
            public byte[] encode(RegistryEvent event) {
                if (ids.contains(event.id())) {
                    throw new IllegalArgumentException("cannot encode " + event.id());
                }
                return V2.encode(event);
            }

            @Override
            public byte[] envelope(List<byte[]> encodedEvents) {
                return V2.envelope(encodedEvents);
            }

            @Override
            public int overhead() {
                return V2.overhead();
            }

            @Override
            public boolean batches() {
                return batches;
            }
        };
    }

    private static List<String> ids(EnvelopeBuilder.Batch batch) {
        return batch.events().stream().map(RegistryEvent::id).toList();
    }

    @Test
    void anEnvelopeCarriesAtMostMaxEventsAndTheRestWait() throws Exception {
        EnvelopeBuilder builder = new EnvelopeBuilder(V2, new BatchConfig(2, 1 << 20), "hook");
        ListSource source = new ListSource(5);
        List<List<String>> envelopes = List.of(ids(builder.next(source, Duration.ZERO)),
                ids(builder.next(source, Duration.ZERO)), ids(builder.next(source, Duration.ZERO)));
        assertEquals(List.of(Notifications.ids(0, 2), Notifications.ids(2, 4), Notifications.ids(4, 5)), envelopes);
        assertNull(builder.next(source, Duration.ZERO), "nothing left: no envelope");
    }

    @Test
    void anEventThatDoesNotFitIsCarriedToTheNextEnvelopeAndALargeOneGoesAlone() throws Exception {
        int one = V2.encode(Notifications.numbered(0)).length;
        // room for two events and a separator, not three; 16 bytes of slack, since each event's time is its own and
        // its fraction of a second may take a few digits more than the one measured here
        EnvelopeBuilder builder = new EnvelopeBuilder(V2, new BatchConfig(100, V2.overhead() + 2 * one + 2 + 16),
                "hook");
        ListSource source = new ListSource(3);
        EnvelopeBuilder.Batch first = builder.next(source, Duration.ZERO);
        assertEquals(Notifications.ids(0, 2), ids(first));
        assertEquals(2, first.consumed(), "the carried event is not consumed yet");
        EnvelopeBuilder.Batch second = builder.next(source, Duration.ZERO);
        assertEquals(Notifications.ids(2, 3), ids(second));
        assertEquals(1, second.consumed());

        EnvelopeBuilder tiny = new EnvelopeBuilder(V2, new BatchConfig(100, 10), "hook");
        ListSource large = new ListSource(2);
        assertEquals(Notifications.ids(0, 1), ids(tiny.next(large, Duration.ZERO)), "larger than maxbytes: alone");
        assertEquals(Notifications.ids(1, 2), ids(tiny.next(large, Duration.ZERO)));
    }

    @Test
    void anEventThatCannotBeEncodedIsSkippedAndCountedAsConsumed() throws Exception {
        EnvelopeBuilder builder = new EnvelopeBuilder(refusing(Set.of(Notifications.id(1))),
                new BatchConfig(100, 1 << 20), "hook");
        try (LogCapture log = LogCapture.start()) {
            EnvelopeBuilder.Batch batch = builder.next(new ListSource(3), Duration.ZERO);
            assertEquals(List.of(Notifications.id(0), Notifications.id(2)), ids(batch));
            assertEquals(3, batch.consumed(), "the skipped event is acknowledged with the others: never retried");
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("RN-305") && line.contains(
                    Notifications.id(1))), log.lines()::toString);
        }
    }

    @Test
    void aSourceThatFailsAfterTheFirstEventEndsTheEnvelopeWithTheEventsRead() throws Exception {
        EnvelopeBuilder builder = new EnvelopeBuilder(V2, new BatchConfig(100, 1 << 20), "hook");
        ListSource source = new ListSource(5);
        source.failAfter = 3;
        try (LogCapture log = LogCapture.start()) {
            EnvelopeBuilder.Batch batch = builder.next(source, Duration.ZERO);
            assertEquals(Notifications.ids(0, 3), ids(batch));
            assertEquals(3, batch.consumed());
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("RN-315")), log.lines()::toString);
        }
    }

    @Test
    void aFormatThatDoesNotBatchSendsEachEventAlone() throws Exception {
        EnvelopeBuilder builder = new EnvelopeBuilder(format(Set.of(), false), new BatchConfig(100, 1 << 20), "hook");
        ListSource source = new ListSource(2);
        assertEquals(Notifications.ids(0, 1), ids(builder.next(source, Duration.ZERO)));
        assertEquals(Notifications.ids(1, 2), ids(builder.next(source, Duration.ZERO)));
    }

    @Test
    void aDeadLettersEventsBecomeOneBatchWithoutThoseThatCannotBeEncoded() {
        EnvelopeBuilder builder = new EnvelopeBuilder(refusing(Set.of(Notifications.id(0))),
                new BatchConfig(2, 1 << 20), "hook");
        List<RegistryEvent> letter = List.of(Notifications.numbered(0), Notifications.numbered(1),
                Notifications.numbered(2));
        try (LogCapture log = LogCapture.start()) {
            EnvelopeBuilder.Batch batch = builder.of(letter);
            assertEquals(Notifications.ids(1, 3), ids(batch), "a letter goes whole, beyond maxevents");
            assertEquals(3, batch.consumed());
            Envelope envelope = builder.envelope(batch);
            assertEquals(2, envelope.events());
            String body = new String(envelope.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains(Notifications.id(2)) && !body.contains(Notifications.id(0)), body);
        }
    }
}

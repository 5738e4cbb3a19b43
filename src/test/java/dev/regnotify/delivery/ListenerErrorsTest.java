package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.EndpointRecovered;
import dev.regnotify.delivery.http.Deadlines;
import dev.regnotify.delivery.http.HttpTransport;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * A {@link DeliveryListener} that throws an {@link Error} the JVM gets past (an assertion, a deep recursion) is a
 * listener's bug like a {@link RuntimeException}: logged, and delivery goes on exactly as without it. The envelope
 * is still acknowledged once, or a dead letter after its attempts, on a thread of its own and on a pool.
 */
class ListenerErrorsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    /** Where the endpoint's delivery runs. */
    enum Placement { OWN_THREAD, POOL }

    @RegisterExtension
    final Closer closer = new Closer();

    private Receiver receiver(java.util.function.IntFunction<Answer> script) {
        return closer.keep(Receiver.start().answering(script));
    }

    private Endpoint start(Placement placement, EndpointConfig config, DeliveryListener listener) {
        DistributionFormat format = new DistributionFormat(config.format(), new NotificationFactory(null, false));
        Endpoint endpoint;
        if (placement == Placement.OWN_THREAD) {
            endpoint = Endpoint.start(config, format, new InMemoryQueue(100), DAEMONS, null, listener);
        } else {
            // kept before the endpoint, so closed after it
            Deadlines deadlines = closer.keep(new Deadlines(DAEMONS));
            DeliveryPool pool = closer.keep(new DeliveryPool(2, DAEMONS));
            EndpointCounters counters = new EndpointCounters(config.name(), config.url());
            endpoint = Endpoint.start(config, format, new InMemoryQueue(100), pool, counters,
                    HttpTransport.of(config, counters, deadlines), null, null, listener);
        }
        closer.keep(() -> endpoint.close(Duration.ZERO));
        return endpoint;
    }

    private static EndpointConfig config(Receiver receiver, int maxAttempts) {
        return EndpointConfig.of("hook", receiver.url()).withRetry(Duration.ofSeconds(5), 3, Duration.ofMillis(10))
                .withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(20))
                        .withBounds(maxAttempts, Duration.ZERO));
    }

    /** A listener that throws what it is given at each event it is told of, counting them. */
    private static final class Throwing implements DeliveryListener {
        final AtomicInteger thrown = new AtomicInteger();
        private final Class<? extends DeliveryEvent> on;
        private final Supplier<Error> error;

        Throwing(Class<? extends DeliveryEvent> on, Supplier<Error> error) {
            this.on = on;
            this.error = error;
        }

        @Override
        public void on(DeliveryEvent event) {
            if (on.isInstance(event)) {
                thrown.incrementAndGet();
                throw error.get();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Placement.class)
    void anEnvelopeStillBecomesADeadLetterAfterItsAttemptsWhenTheListenerThrowsAnAssertionError(Placement placement) {
        Receiver receiver = receiver(n -> Answer.status(500));
        Throwing listener = new Throwing(DeliveryEvent.class, () -> new AssertionError("listener bug"));
        Endpoint endpoint = start(placement, config(receiver, 2), listener);

        endpoint.offer(Notifications.numbered(0));

        Polling.await("a dead letter", WAIT, () -> endpoint.deadLetters().count() == 1);
        Polling.await("the envelope acknowledged", WAIT, () -> endpoint.metrics().getPending() == 0);
        assertEquals(2, receiver.attempts(), "its two attempts, no more");
        assertEquals(List.of(Notifications.id(0)), endpoint.deadLetters().list().get(0).eventIds());
        assertTrue(listener.thrown.get() >= 2, "the listener threw at each failed attempt and at the dead letter");
    }

    @ParameterizedTest
    @EnumSource(Placement.class)
    void anEnvelopeAcceptedIsNotSentAgainWhenTheListenerOfTheRecoveryOverflowsItsStack(Placement placement) {
        Receiver receiver = receiver(n -> n == 1 ? Answer.status(500) : Answer.status(200));
        Throwing listener = new Throwing(EndpointRecovered.class, StackOverflowError::new);
        Endpoint endpoint = start(placement, config(receiver, 5), listener);

        endpoint.offer(Notifications.numbered(0));
        receiver.awaitAccepted(1, WAIT);
        endpoint.offer(Notifications.numbered(1));
        receiver.awaitAccepted(2, WAIT);

        // one envelope at a time: a second copy of event 0 would have come before event 1
        assertEquals(List.of(Notifications.id(0), Notifications.id(1)), receiver.acceptedEvents().stream()
                .map(event -> event.getString("id")).toList(), "each event accepted once");
        assertEquals(1, listener.thrown.get(), "the listener threw when told of the recovery");
        assertEquals(3, receiver.attempts());
    }
}

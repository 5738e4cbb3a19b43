package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RateLimitConfig;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.testing.Closer;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * An endpoint's {@code ratelimit} against a real receiver on 127.0.0.1, measured by the receiver's own clock. Only
 * lower bounds on time are asserted: a slow machine makes delivery slower, never faster.
 */
class RateLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void aBacklogIsSentAtTheRateAfterTheBurst() {
        Receiver receiver = receiver();
        Endpoint endpoint = start(EndpointConfig.builder("paced", receiver.url())
                .rateLimit(new RateLimitConfig(100, 10)).build());
        long offered = System.nanoTime();
        offer(endpoint, 50);
        receiver.awaitAccepted(50, WAIT);
        assertEquals(Notifications.ids(0, 50), receiver.acceptedIds());
        // no token is taken before the events are offered, and the bucket never holds more than the burst: 10 at
        // once, then 40 at 10 ms each, so the receiver's last arrival is 400 ms after the offer at the least
        long took = receiver.requests().get(49).arrived() - offered;
        assertTrue(took >= Duration.ofMillis(380).toNanos(), "50 events at 100/s with a burst of 10 took only "
                + took / 1_000_000 + " ms");
    }

    @Test
    void anEnvelopeOfNEventsTakesNTokens() {
        Receiver receiver = receiver();
        Endpoint endpoint = start(EndpointConfig.builder("batched", receiver.url()).batch(new BatchConfig(20, 1 << 20))
                .rateLimit(new RateLimitConfig(100, 20)).build());
        long offered = System.nanoTime();
        offer(endpoint, 60);
        receiver.awaitAccepted(60, WAIT);
        assertEquals(Notifications.ids(0, 60), receiver.acceptedIds());
        List<Receiver.Request> requests = receiver.requests();
        assertTrue(requests.size() < 60, "the events went in envelopes: " + requests.size() + " requests");
        // 20 at once: the other 40 need 400 ms of tokens however they are batched
        long took = requests.get(requests.size() - 1).arrived() - offered;
        assertTrue(took >= Duration.ofMillis(380).toNanos(), "60 events in envelopes at 100/s took only "
                + took / 1_000_000 + " ms");
    }

    @Test
    void aLongerRetryAfterStillWins() {
        Receiver receiver = receiver().answering(n -> n == 1 ? Answer.later(503, "1") : Answer.status(200));
        Endpoint endpoint = start(EndpointConfig.builder("busy", receiver.url())
                .retry(RetryConfig.exponential(Duration.ofMillis(10), Duration.ofSeconds(5)))
                .rateLimit(new RateLimitConfig(1000, 1000)).build());
        offer(endpoint, 2);
        receiver.awaitAccepted(2, WAIT);
        List<Receiver.Request> requests = receiver.requests();
        long gap = requests.get(1).arrived() - requests.get(0).arrived();
        assertTrue(gap >= Duration.ofMillis(950).toNanos(), "the second attempt came after " + gap / 1_000_000
                + " ms, before the second the receiver asked for");
    }

    @Test
    void closingEndsAWaitForTokens() {
        Receiver receiver = receiver();
        // a burst of 1 at 1/s: the 100 events queued would take more than a minute and a half
        Endpoint endpoint = Endpoint.start(EndpointConfig.builder("slow", receiver.url())
                .rateLimit(new RateLimitConfig(1, 1)).build(), format(), new InMemoryQueue(1000),
                Executors.defaultThreadFactory());
        offer(endpoint, 100);
        receiver.awaitAccepted(1, WAIT);
        Polling.await("the worker waits for tokens", WAIT, () -> endpoint.metrics().getPending() > 0);
        long left = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> endpoint.close(Duration.ZERO),
                "close waited for the rate instead of ending its wait");
        assertTrue(left >= 90, left + " events left undelivered");
        assertTrue(receiver.requests().size() < 10, receiver.requests().size() + " requests were sent");
    }

    private Receiver receiver() {
        return closer.keep(Receiver.start());
    }

    private Endpoint start(EndpointConfig config) {
        Endpoint endpoint = Endpoint.start(config, format(), new InMemoryQueue(1000), Executors.defaultThreadFactory());
        closer.keep(() -> endpoint.close(Duration.ZERO));
        return endpoint;
    }

    private static DistributionFormat format() {
        return new DistributionFormat(dev.regnotify.config.Format.V1, new NotificationFactory(null, false));
    }

    private static void offer(Endpoint endpoint, int count) {
        for (int i = 0; i < count; i++) {
            endpoint.offer(Notifications.numbered(i));
        }
    }
}

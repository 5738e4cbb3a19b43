package dev.regnotify.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.messaging.Broker;
import dev.regnotify.messaging.BrokerEndpoints;
import dev.regnotify.messaging.BrokerQueue;
import dev.regnotify.testing.IdReceiver;
import dev.regnotify.testing.Notifications;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * The delivery lag through a broker under a steady load: events offered at R per second for S seconds to a forwarder,
 * delivered from the broker to a receiver on 127.0.0.1 (both in this JVM); prints the lag from offer to arrival at
 * p50, p99 and max (after the first two seconds, which open the connections and warm the JIT), and the rate.
 * {@code mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.bench.BrokerLag
 * -Djmh.args="tcp://127.0.0.1:61616 user password 5000 20"}
 */
public final class BrokerLag {

    private BrokerLag() {
    }

    public static void main(String[] args) {
        String url = args[0];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int events = rate * seconds;
        long[] offered = new long[events];
        long[] arrived = new long[events];
        ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        try (IdReceiver receiver = IdReceiver.start(0, 0.0, id -> {
            int n = Integer.parseInt(id, "event-".length(), id.length(), 10);
            if (seen.putIfAbsent(id, Boolean.TRUE) == null) {
                arrived[n] = System.nanoTime();
            }
        })) {
            Broker broker = Broker.artemis(BrokerConfig.at(url).withCredentials(args[1], args[2]));
            EndpointConfig endpoint = EndpointConfig.of("lag-" + System.nanoTime(), receiver.url())
                    .withBatch(new BatchConfig(100, 1 << 20)).withQueueCapacity(events);
            Endpoint forwarder = BrokerEndpoints.forwarder(endpoint, new InMemoryQueue(events), broker,
                    Executors.defaultThreadFactory(), null, DeliveryListener.NONE);
            BrokerQueue queue = BrokerEndpoints.queue(endpoint, broker);
            Endpoint deliverer = Endpoint.start(endpoint, new DistributionFormat(endpoint.format(),
                    new NotificationFactory(null, false)), queue, Executors.defaultThreadFactory(), null,
                    DeliveryListener.NONE);
            long interval = 1_000_000_000L / rate;
            long started = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long early = started + i * interval - System.nanoTime();
                if (early > 50_000) {
                    LockSupport.parkNanos(early);
                }
                offered[i] = System.nanoTime();
                forwarder.offer(Notifications.numbered(i));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen.size() < events && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000);
            }
            double total = (System.nanoTime() - started) / 1e9;
            forwarder.close(Duration.ZERO);
            deliverer.close(Duration.ZERO);
            queue.disconnectWhenStopped();
            // the first two seconds open the connections and warm the JIT: measured apart
            int warm = Math.min(events - 1, 2 * rate);
            long[] lags = new long[events - warm];
            for (int i = warm; i < events; i++) {
                lags[i - warm] = arrived[i] == 0 ? Long.MAX_VALUE : arrived[i] - offered[i];
            }
            Arrays.sort(lags);
            System.out.printf("events=%d rate=%d delivered=%d seconds=%.1f after_the_first_2_s: lag_p50_ms=%.1f "
                    + "lag_p99_ms=%.1f lag_max_ms=%.1f%n", events, rate, seen.size(), total,
                    lags[lags.length / 2] / 1e6, lags[(int) (lags.length * 0.99)] / 1e6, lags[lags.length - 1] / 1e6);
        }
        System.exit(0);
    }
}

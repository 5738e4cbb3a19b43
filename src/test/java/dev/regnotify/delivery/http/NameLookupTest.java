package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.Receiver;

/**
 * Looking up the receiver's name is part of the attempt: a lookup that hangs (a DNS server that does not answer, the
 * system resolver's retries) is given up on at the timeout, and cancelling the attempt does not wait for it.
 */
class NameLookupTest {

    private static final Envelope ENVELOPE = new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
            "application/json", 1, Map.of());
    /** How long the hanging lookup lasts at most: longer than any bound asserted here, so that a wait shows. */
    private static final long HANG_SECONDS = 8;

    private final CountDownLatch lookupStarted = new CountDownLatch(1);
    private final CountDownLatch lookupReleased = new CountDownLatch(1);

    @AfterEach
    void releaseTheLookup() {
        lookupReleased.countDown();
    }

    /** Hangs until released (or {@value #HANG_SECONDS} s), then finds nothing. */
    private InetAddress[] hangingLookup(String host) throws UnknownHostException {
        lookupStarted.countDown();
        try {
            lookupReleased.await(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new UnknownHostException(host);
    }

    private static HttpSink sink(URI url, Duration timeout, HostLookup.Resolver resolver) {
        return new HttpSink(url, Map.of(), timeout, new EndpointCounters("lookup", url),
                HttpConnections::defaultTls, resolver);
    }

    @Test
    void aHangingLookupFailsTheAttemptAtTheTimeout() {
        URI url = URI.create("http://hooks.example.test:8080/events");
        try (HttpSink sink = sink(url, Duration.ofMillis(300), this::hangingLookup)) {
            long start = System.nanoTime();
            DeliveryException failed = assertThrows(DeliveryException.class, () -> sink.send(ENVELOPE));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 3000, "failed after " + millis + " ms, not at the 300 ms timeout");
            assertTrue(failed.getMessage().contains("hooks.example.test:8080")
                    && failed.getMessage().contains("within 300 ms"), failed.getMessage());
        }
    }

    @Test
    void abortingAnAttemptInItsLookupEndsItAtOnce() throws Exception {
        URI url = URI.create("http://hooks.example.test:8080/events");
        try (HttpSink sink = sink(url, Duration.ofSeconds(60), this::hangingLookup)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    sink.send(ENVELOPE);
                } catch (DeliveryException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(lookupStarted.await(10, TimeUnit.SECONDS), "the lookup started");
            sink.abort();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> sent.get(3, TimeUnit.SECONDS),
                    "the attempt ended within 3 s of the abort, while its lookup still hangs");
            assertTrue(failed.getCause().getCause() instanceof DeliveryException, String.valueOf(failed.getCause()));
        }
    }

    @Test
    void aNameIsLookedUpAndTheRequestNamesTheHost() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            URI url = URI.create("http://receiver.example.test:" + receiver.port() + "/events");
            try (HttpSink sink = sink(url, Duration.ofSeconds(5),
                    host -> new InetAddress[] {InetAddress.getLoopbackAddress()})) {
                sink.send(ENVELOPE);
                sink.send(ENVELOPE);
            }
            assertEquals(2, receiver.requests().size());
            assertEquals("receiver.example.test:" + receiver.port(), receiver.requests().get(1).header("Host"));
        }
    }
}

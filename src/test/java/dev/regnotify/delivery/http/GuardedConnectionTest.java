package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.Cidr;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.GuardConfig;
import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.Sink;
import dev.regnotify.delivery.metrics.EndpointCounters;
import dev.regnotify.testing.Receiver;

/** The guard judges the address each connection is made to, not the one the name had when it was first checked. */
class GuardedConnectionTest {

    private static final Envelope ENVELOPE = new Envelope("{\"events\":[]}".getBytes(StandardCharsets.UTF_8),
            "application/json", 1, Map.of());

    @Test
    void aNameReboundToLoopbackAfterItsCheckIsRefusedAtTheConnection() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            URI url = URI.create("http://hooks.example.test:" + receiver.port() + "/events");
            AtomicReference<InetAddress> answer = new AtomicReference<>(InetAddress.getByName("93.184.216.34"));
            HostLookup.Resolver rebinding = host -> new InetAddress[] {answer.get()};
            AddressGuard guard = AddressGuard.allowing(List.of());
            guard.checkUrl(url, rebinding); // at creation: a public address
            answer.set(InetAddress.getByName("127.0.0.1"));
            EndpointCounters counters = new EndpointCounters("guarded", url);
            try (HttpSink sink = sink(url, counters, rebinding, guard)) {
                DeliveryException refused = assertThrows(DeliveryException.class, () -> sink.send(ENVELOPE));
                assertEquals("refused to connect to hooks.example.test:" + receiver.port()
                        + ": 127.0.0.1 is loopback, a network not allowed", refused.getMessage());
                assertEquals(1, counters.errors(), "a refused connection is a failed attempt, counted as an error");
            }
            assertEquals(0, receiver.requests().size(), "nothing reached the receiver");
        }
    }

    @Test
    void anAllowedNetworkIsConnectedToAndAnUnguardedEndpointReachesLoopbackAsBefore() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            URI url = URI.create("http://hooks.example.test:" + receiver.port() + "/events");
            HostLookup.Resolver loopback = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            AddressGuard tests = AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8")));
            try (HttpSink sink = sink(url, new EndpointCounters("allowed", url), loopback, tests)) {
                sink.send(ENVELOPE);
            }
            try (HttpSink sink = sink(url, new EndpointCounters("static", url), loopback, AddressGuard.NONE)) {
                sink.send(ENVELOPE);
            }
            assertEquals(2, receiver.requests().size());
        }
    }

    @Test
    void theTransportTakesTheGuardFromTheEndpointsConfiguration() {
        URI url = URI.create("http://127.0.0.1:1/");
        assertEquals(AddressGuard.NONE, HttpTransport.guard(EndpointConfig.of("plain", url)));
        AddressGuard guarded = HttpTransport.guard(EndpointConfig.builder("guarded", url)
                .guard(GuardConfig.allowing(List.of(Cidr.parse("10.0.0.0/8")))).build());
        assertTrue(guarded.guards());
        assertTrue(guarded.refusal(InetAddress.getLoopbackAddress()).isPresent());
    }

    @Test
    void anEndpointWithAGuardBlockIsRefusedLoopbackThroughItsTransport() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            EndpointConfig config = EndpointConfig.builder("guarded", receiver.url())
                    .guard(GuardConfig.allowing(List.of(Cidr.parse("10.0.0.0/8")))).build();
            EndpointCounters counters = new EndpointCounters("guarded", receiver.url());
            Sink transport = HttpTransport.of(config, counters, SharedDeadlines.LIBRARY_THREADS);
            try {
                DeliveryException refused = assertThrows(DeliveryException.class, () -> transport.send(ENVELOPE));
                assertTrue(refused.getMessage().endsWith("127.0.0.1 is loopback, a network not allowed"),
                        refused.getMessage());
            } finally {
                transport.close();
            }
            assertEquals(1, counters.errors());
            assertEquals(0, receiver.requests().size());
        }
    }

    private static HttpSink sink(URI url, EndpointCounters counters, HostLookup.Resolver resolver,
            AddressGuard guard) {
        return new HttpSink(url, Map.of(), Duration.ofSeconds(5), counters, HttpConnections::defaultTls, resolver,
                guard, SharedDeadlines.acquire(SharedDeadlines.LIBRARY_THREADS),
                () -> SharedDeadlines.release(SharedDeadlines.LIBRARY_THREADS));
    }
}

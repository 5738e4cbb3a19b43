package com.example.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The library in Quarkus: interceptors applied, observers called, webhooks delivered to a receiver on 127.0.0.1, and
 * what is queued when the application stops delivered before it is gone (checked as the receiver stops, after the
 * application).
 */
@QuarkusTest
@QuarkusTestResource(NotificationsTest.Receiver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsTest {

    static final List<String> BODIES = new CopyOnWriteArrayList<>();
    /** The traceparent header of each request whose body names a repository under {@code traced/}. */
    static final List<String> TRACEPARENTS = new CopyOnWriteArrayList<>();
    static final int DRAINED = 5;

    /** A webhook receiver on 127.0.0.1, named in the configuration the library reads as it starts. */
    public static class Receiver implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
                server.createContext("/hook", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    if (body.contains("drain/app")) {
                        // a slow receiver: these are still queued when the application is told to stop
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                    }
                    if (body.contains("traced/app")) {
                        TRACEPARENTS.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
                    }
                    BODIES.add(body);
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                server.start();
                Path config = Files.createTempFile("regnotify-quarkus-", ".json");
                Files.writeString(config, "{\"notifications\":{\"endpoints\":[{\"name\":\"hooks\",\"url\":"
                        + "\"http://127.0.0.1:" + server.getAddress().getPort() + "/hook\"}]}}");
                System.setProperty("regnotify.config", config.toString());
                return Map.of();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Runs once the application has stopped: by then its queue must have drained. What it finds goes to
         * {@code target/drain.txt} too, for the build that runs this example (a failure here is only logged).
         */
        @Override
        public void stop() {
            server.stop(0);
            long drained = BODIES.stream().filter(body -> body.contains("drain/app")).count();
            try {
                Files.writeString(Path.of("target", "drain.txt"), "delivered " + drained + " of " + DRAINED + "\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (drained != DRAINED) {
                throw new AssertionError("the application stopped with " + (DRAINED - drained) + " of " + DRAINED
                        + " notifications undelivered");
            }
        }
    }

    @Inject
    BlobStore blobs;
    @Inject
    Observers observers;
    @Inject
    Tracer tracer;

    @Test
    @Order(1)
    void pushesFireEventsThatObserversSeeAndEndpointsReceive() {
        blobs.put(RepositoryName.of("team/app"), MediaTypes.OCTET_STREAM, new byte[] {1});
        blobs.put(RepositoryName.of("other/app"), MediaTypes.OCTET_STREAM, new byte[] {2});
        awaitUntil(() -> delivered("team/app") && delivered("other/app")
                && observers.seen().stream().filter(seen -> !seen.contains("drain/app")).count() == 5);
        List<String> seen = observers.seen().stream().filter(s -> !s.contains("drain/app")).toList();
        assertEquals(List.of("push team/app", "team push", "push other/app"),
                seen.stream().filter(s -> !s.startsWith("async")).toList());
        assertTrue(seen.containsAll(List.of("async push team/app", "async push other/app")), seen.toString());
    }

    /** The span the application's request runs in (here, the test's) reaches the receiver with the webhook. */
    @Test
    @Order(2)
    void aPushInsideASpanSendsItsTraceToTheReceiver() {
        Span span = tracer.spanBuilder("PUT /v2/traced/app/blobs/uploads").startSpan();
        try (Scope scope = span.makeCurrent()) {
            blobs.put(RepositoryName.of("traced/app"), MediaTypes.OCTET_STREAM, new byte[] {3});
        } finally {
            span.end();
        }
        awaitUntil(() -> !TRACEPARENTS.isEmpty());
        String traceparent = TRACEPARENTS.get(0);
        assertTrue(traceparent.startsWith("00-" + span.getSpanContext().getTraceId() + "-"), traceparent);
    }

    @Test
    @Order(3) // last: the application stops right after it
    void whatIsQueuedAtStopIsDelivered() {
        for (int i = 0; i < DRAINED; i++) {
            blobs.put(RepositoryName.of("drain/app"), MediaTypes.OCTET_STREAM, new byte[] {(byte) i});
        }
        // no wait: the application stops after this test, its queue still full; the receiver checks it drained
    }

    private static boolean delivered(String repository) {
        return BODIES.stream().anyMatch(body -> body.contains("\"repository\":\"" + repository + "\""));
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + BODIES);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}

package dev.regnotify.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.JsonObject;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request, answers as scripted per attempt (status,
 * {@code Location}, {@code Retry-After}, or hang until released), and lists the events of the envelopes it accepted.
 */
public final class Receiver implements AutoCloseable {

    /** An answer to one attempt. */
    public record Answer(int status, String location, String retryAfter, boolean hangs, Duration delay,
            String body) {
        public static Answer status(int status) {
            return new Answer(status, null, null, false, Duration.ZERO, null);
        }

        /** A refusal that says why in its body. */
        public static Answer refusal(int status, String body) {
            return new Answer(status, null, null, false, Duration.ZERO, body);
        }

        public static Answer redirect(String location) {
            return new Answer(302, location, null, false, Duration.ZERO, null);
        }

        /** A 429 or 503 that says when to come back. */
        public static Answer later(int status, String retryAfter) {
            return new Answer(status, null, retryAfter, false, Duration.ZERO, null);
        }

        public static Answer hang() {
            return new Answer(200, null, null, true, Duration.ZERO, null);
        }

        /** Hangs until released, then answers with this status. */
        public static Answer hangThen(int status) {
            return new Answer(status, null, null, true, Duration.ZERO, null);
        }

        /** A 200 after a delay: a receiver far away. */
        public static Answer after(Duration delay) {
            return new Answer(200, null, null, false, delay, null);
        }
    }

    /** One request as received ({@code arrived} on {@link System#nanoTime()}), and the status it was answered with. */
    public record Request(Map<String, List<String>> headers, byte[] body, int status, int remotePort, long arrived) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public List<JsonObject> events() {
            return JsonDocs.events(JsonDocs.parse(body));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger mostConcurrent = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final boolean keep;
    private volatile IntFunction<Answer> script = attempt -> Answer.status(200);
    private volatile Function<String, Answer> bodyScript;

    private Receiver(int port, boolean keep) {
        this.keep = keep;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return a receiver on a free port that accepts everything */
    public static Receiver start() {
        return new Receiver(0, true);
    }

    /** @return a receiver on the given port (to bring a "down" endpoint up) */
    public static Receiver startOn(int port) {
        return new Receiver(port, true);
    }

    /** @return a receiver that accepts everything and keeps nothing, for benchmarks (only attempts are counted) */
    public static Receiver discarding() {
        return new Receiver(0, false);
    }

    /** @return a port on 127.0.0.1 that nothing listens on at the moment */
    public static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param script the answer to the n-th attempt (counting from 1) */
    public Receiver answering(IntFunction<Answer> script) {
        this.script = script;
        this.bodyScript = null;
        return this;
    }

    /** @param script the answer to a request, from its body (UTF-8) */
    public Receiver answeringByBody(Function<String, Answer> script) {
        this.bodyScript = script;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Lets hanging requests answer. */
    public void release() {
        released.countDown();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int attempts() {
        return attempts.get();
    }

    /** @return the events of accepted envelopes, in the order they were received */
    public List<JsonObject> acceptedEvents() {
        List<JsonObject> events = new ArrayList<>();
        for (Request request : requests) {
            if (request.status() / 100 == 2) {
                events.addAll(request.events());
            }
        }
        return events;
    }

    /** @return the ids of accepted events, in order, without the repeats at-least-once delivery may make */
    public List<String> acceptedIds() {
        return acceptedEvents().stream().map(e -> e.getString("id")).distinct().toList();
    }

    public void awaitAccepted(int events, Duration timeout) {
        Polling.await(events + " events accepted (" + acceptedIds().size() + " when the wait began)", timeout,
                () -> acceptedIds().size() >= events);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            long arrived = System.nanoTime();
            byte[] body = in.readAllBytes();
            int attempt = attempts.incrementAndGet();
            Function<String, Answer> byBody = bodyScript;
            Answer answer = byBody != null ? byBody.apply(new String(body, StandardCharsets.UTF_8))
                    : script.apply(attempt);
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                answerAfter(answer);
            } finally {
                concurrent.decrementAndGet();
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            if (keep) {
                requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body, answer.status(),
                        exchange.getRemoteAddress().getPort(), arrived));
            }
            if (answer.body() != null) {
                byte[] text = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), text.length);
                exchange.getResponseBody().write(text);
            } else {
                exchange.sendResponseHeaders(answer.status(), -1);
            }
        }
    }

    private void answerAfter(Answer answer) {
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis()); // simulates the receiver's distance, not a wait for a result
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.hangs()) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the most requests this receiver was answering at once */
    public int mostConcurrent() {
        return mostConcurrent.get();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}

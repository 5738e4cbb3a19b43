package dev.regnotify.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One receiver on 127.0.0.1 for many endpoints, each POSTing to a path of its own ({@code /e/<n>}): per path it keeps
 * the number of events accepted and the last event's number (the digits that end its {@code id}), and counts an event
 * whose number is not above the previous one's on its path as out of order (a repeat included). Light enough for a
 * benchmark of thousands of endpoints. A path can be made to hang until {@link #release}.
 */
public final class PathReceiver implements AutoCloseable {

    // an event starts with its id, and so does its request: the request's has no digits in the tests' events
    private static final byte[] ID = "{\"id\":\"".getBytes(StandardCharsets.ISO_8859_1);

    /** What one path received. */
    private static final class Path {
        long events;
        long last = -1;
        long outOfOrder;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Path> paths = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    private PathReceiver(int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(threads);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @param threads how many requests it answers at once */
    public static PathReceiver start(int threads) {
        return new PathReceiver(threads);
    }

    /** @return the URL of the n-th endpoint's path */
    public URI url(int n) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/e/" + n);
    }

    /** Makes the n-th path hang (answer nothing) until {@link #release}. */
    public PathReceiver hang(int n) {
        hanging.add(url(n).getPath());
        return this;
    }

    /** Lets hanging requests answer. */
    public void release() {
        released.countDown();
    }

    /** @return events accepted on every path */
    public long events() {
        return events.get();
    }

    /**
     * Waits until every path together accepted at least {@code count} events, or the deadline.
     *
     * @return whether they did
     */
    public boolean awaitEvents(long count, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (events) {
            while (events.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(events, left);
            }
            return true;
        }
    }

    /** @return requests answered */
    public long requests() {
        return requests.get();
    }

    /** @return events accepted on the n-th path */
    public long events(int n) {
        Path path = paths.get(url(n).getPath());
        if (path == null) {
            return 0;
        }
        synchronized (path) {
            return path.events;
        }
    }

    /** @return events, on every path, whose number was not above the one before on their path */
    public long outOfOrder() {
        long sum = 0;
        for (Path path : paths.values()) {
            synchronized (path) {
                sum += path.outOfOrder;
            }
        }
        return sum;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String name = exchange.getRequestURI().getPath();
            if (hanging.contains(name)) {
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Path path = paths.computeIfAbsent(name, any -> new Path());
            long count = 0;
            synchronized (path) {
                for (int at = indexOf(body, 0); at >= 0; at = indexOf(body, at)) {
                    long number = numberBefore(body, at);
                    if (number < 0) {
                        continue;
                    }
                    if (number <= path.last) {
                        path.outOfOrder++;
                    }
                    path.last = number;
                    path.events++;
                    count++;
                }
            }
            synchronized (events) {
                events.addAndGet(count);
                events.notifyAll();
            }
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** @return where the value of the next {@code {"id":"} after {@code from} starts, or -1 */
    private static int indexOf(byte[] body, int from) {
        outer:
        for (int i = from; i <= body.length - ID.length; i++) {
            for (int j = 0; j < ID.length; j++) {
                if (body[i + j] != ID[j]) {
                    continue outer;
                }
            }
            return i + ID.length;
        }
        return -1;
    }

    /** @return the number the id starting at {@code at} ends with, or -1 if it ends with none */
    private static long numberBefore(byte[] body, int at) {
        int end = at;
        while (end < body.length && body[end] != '"') {
            end++;
        }
        int start = end;
        while (start > at && body[start - 1] >= '0' && body[start - 1] <= '9') {
            start--;
        }
        return start == end ? -1 : Long.parseLong(new String(body, start, end - start, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}

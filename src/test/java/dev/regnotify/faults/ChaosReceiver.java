package dev.regnotify.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;

import dev.regnotify.testing.JsonDocs;

/**
 * A webhook receiver on 127.0.0.1 for the seeded fault run, speaking HTTP/1.1 by hand so that it can misbehave as no
 * well-behaved server does: it refuses envelopes that hold events of chosen repositories, refuses everything with one
 * status (401, 410 ...), answers a 2xx twice on a kept-alive connection, stalls in a body, or sends a response head
 * that never ends. It records every request it read, with what it answered: the record the {@link DeliveryChecker}
 * judges. An envelope counts as accepted only when the receiver answered it with one complete 2xx.
 */
final class ChaosReceiver implements AutoCloseable {

    /** One event of an envelope: its id and its repository. */
    record Event(String id, String repository) {
    }

    /** What the receiver did with a request. */
    enum Kind {
        ACCEPTED, ACCEPTED_TWICE, REFUSED, STALLED, ENDLESS_HEAD
    }

    /**
     * One request and its answer.
     *
     * @param generation the {@link #nextGeneration() generation} of the sending process (a restart or a kill ends one)
     * @param sender which process sent it, when several do (the {@link #SENDER} header; empty without it)
     * @param connection which connection it came on
     * @param answerLost set when the client closed the connection soon after this answer: it had given up on the
     *        attempt (its timeout), so the receiver may have read the request after later ones on other connections
     */
    record Exchange(List<Event> events, Kind kind, int status, long generation, String sender, int connection,
            long answeredNanos, long headBytesSent, AtomicBoolean answerLost) {

        boolean accepted() {
            return kind == Kind.ACCEPTED || kind == Kind.ACCEPTED_TWICE;
        }
    }

    /** The header that names the sending process, when several send to one receiver (the broker leg). */
    static final String SENDER = "X-Chaos-Sender";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    private static final String STALLED_BODY = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nx";
    // what the endless head is made of: lines of about a kilobyte, written 64 KiB at a time
    private static final byte[] PADDING = padding();
    private static final long HEAD_CAP = 256L << 20;

    private final String name;
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    // requests accepted and then followed by the client closing their connection soon after: answers it may have lost
    private final AtomicInteger closedSoonAfterAcceptance = new AtomicInteger();
    private final Map<String, Integer> refusedRepositories = new ConcurrentHashMap<>();
    private final AtomicInteger twice = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();
    private final AtomicInteger endlessHeads = new AtomicInteger();
    private final long lostAnswerWindowNanos;
    private volatile int refuseAll;
    private volatile long generation;
    private final Thread acceptor;

    /**
     * @param name the receiver's name, in messages
     * @param lostAnswerWindowNanos how soon after an acceptance a closed connection may mean that its answer was lost
     *            (the endpoint's timeout)
     */
    ChaosReceiver(String name, long lostAnswerWindowNanos) throws IOException {
        this.name = name;
        this.lostAnswerWindowNanos = lostAnswerWindowNanos;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptUntilClosed, "chaos-receiver-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String name() {
        return name;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/events");
    }

    /** Refuses, with this status, every envelope that holds an event of the repository. */
    void refuse(String repository, int status) {
        refusedRepositories.put(repository, status);
    }

    void allow(String repository) {
        refusedRepositories.remove(repository);
    }

    /** Refuses every envelope with this status (401, 403, 404, 405, 410 ...), or 0 to stop. */
    void refuseAll(int status) {
        refuseAll = status;
    }

    /** The next {@code count} envelopes it accepts are answered twice: a stray 2xx is left on the connection. */
    void answerTwice(int count) {
        twice.addAndGet(count);
    }

    /** The next {@code count} requests get a 200 that promises a body and stalls after one byte. */
    void stall(int count) {
        stalls.addAndGet(count);
    }

    /** The next {@code count} requests get a response head that never ends, until the client gives up. */
    void endlessHead(int count) {
        endlessHeads.addAndGet(count);
    }

    /** Stops every misbehaviour: from now on it accepts everything. */
    void heal() {
        refusedRepositories.clear();
        refuseAll = 0;
        twice.set(0);
        stalls.set(0);
        endlessHeads.set(0);
    }

    /** The sending process was restarted or killed: its envelopes may be built anew. */
    void nextGeneration() {
        generation++;
    }

    /** @return every request read so far, in the order they were read */
    List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** @return how many accepted envelopes had their connection closed by the client within the timeout after */
    int closedSoonAfterAcceptance() {
        return closedSoonAfterAcceptance.get();
    }

    private void acceptUntilClosed() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                int number = connections.incrementAndGet();
                Thread handler = new Thread(() -> serve(socket, number), "chaos-receiver-" + name + "-" + number);
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, int connection) {
        Exchange[] last = new Exchange[1];
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    break;
                }
                byte[] body = in.readNBytes(contentLength(head));
                answer(events(body), header(head, SENDER), connection, in, out, last);
                if (!last[0].accepted() && last[0].kind() != Kind.REFUSED) {
                    return; // stalled or endless: the client gave up on this connection
                }
            }
        } catch (IOException e) {
            // the client closed the connection, or the receiver is closing
        }
        Exchange lastOne = last[0];
        if (lastOne != null && lastOne.accepted()
                && System.nanoTime() - lastOne.answeredNanos() < lostAnswerWindowNanos) {
            closedSoonAfterAcceptance.incrementAndGet();
            lastOne.answerLost().set(true);
        }
    }

    /**
     * Decides the answer, records it and sends it. A complete answer is recorded before it is sent, so that the
     * record's order is the order in which the client can have learnt the answers.
     */
    private void answer(List<Event> events, String sender, int connection, InputStream in, OutputStream out,
            Exchange[] last) throws IOException {
        Kind kind;
        int status = 200;
        if (take(endlessHeads)) {
            kind = Kind.ENDLESS_HEAD;
        } else if (take(stalls)) {
            kind = Kind.STALLED;
        } else if (refuseAll != 0 || refusal(events) != 0) {
            kind = Kind.REFUSED;
            status = refuseAll != 0 ? refuseAll : refusal(events);
        } else {
            kind = take(twice) ? Kind.ACCEPTED_TWICE : Kind.ACCEPTED;
        }
        switch (kind) {
            case ENDLESS_HEAD -> last[0] = record(events, kind, status, sender, connection, sendEndlessHead(out));
            case STALLED -> {
                last[0] = record(events, kind, status, sender, connection, 0);
                write(out, STALLED_BODY);
                in.transferTo(OutputStream.nullOutputStream()); // until the client gives up and closes
            }
            case REFUSED -> {
                last[0] = record(events, kind, status, sender, connection, 0);
                String text = "refused by the chaos run";
                write(out, "HTTP/1.1 " + status + " Refused\r\nContent-Length: " + text.length() + "\r\n\r\n" + text);
            }
            case ACCEPTED_TWICE -> {
                last[0] = record(events, kind, status, sender, connection, 0);
                write(out, OK + OK);
            }
            default -> {
                last[0] = record(events, kind, status, sender, connection, 0);
                write(out, OK);
            }
        }
    }

    private Exchange record(List<Event> events, Kind kind, int status, String sender, int connection,
            long headBytesSent) {
        Exchange exchange = new Exchange(events, kind, status, generation, sender, connection, System.nanoTime(),
                headBytesSent, new AtomicBoolean());
        synchronized (exchanges) {
            exchanges.add(exchange);
        }
        return exchange;
    }

    /** @return the status of the first refused repository among the events, or 0 */
    private int refusal(List<Event> events) {
        for (Event event : events) {
            Integer status = refusedRepositories.get(event.repository());
            if (status != null) {
                return status;
            }
        }
        return 0;
    }

    /** @return how many bytes of head were sent before the client closed the connection (or the cap was reached) */
    private static long sendEndlessHead(OutputStream out) {
        long sent = 0;
        try {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
            while (sent < HEAD_CAP) {
                out.write(PADDING);
                sent += PADDING.length;
            }
        } catch (IOException e) {
            // the client gave up: what it took is what was sent, less what the sockets' buffers held
        }
        return sent;
    }

    private static byte[] padding() {
        String line = "X-Padding: " + "a".repeat(1010) + "\r\n";
        return line.repeat(64).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, String answer) throws IOException {
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static List<Event> events(byte[] body) {
        List<Event> events = new ArrayList<>();
        for (JsonObject event : JsonDocs.events(JsonDocs.parse(body))) {
            events.add(new Event(event.getString("id"), event.getJsonObject("target").getString("repository")));
        }
        return events;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        String length = header(head, "Content-Length");
        return length.isEmpty() ? 0 : Integer.parseInt(length);
    }

    /** @return the value of a header of the request's head, or empty */
    private static String header(String head, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return "";
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}

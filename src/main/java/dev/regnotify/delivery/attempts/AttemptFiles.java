package dev.regnotify.delivery.attempts;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.regnotify.config.AttemptLogConfig;

/**
 * Where an endpoint's attempts survive restarts and crashes: {@link AttemptSegments} in
 * {@code <directory>/<endpoint name as hex>/}, written from a bounded queue by an {@link AttemptWriter} (one thread
 * for many endpoints), so that recording an attempt never waits for the disk. The writer forces the files at most
 * once a second and when a segment is full, and deletes old segments ({@code log.retention}, {@code log.maxbytes}).
 * A write that fails, or an attempt the queue cannot take, is logged ({@code RN-360}, {@code RN-361}) and skipped:
 * the attempt is still in the ring.
 *
 * @since 0.3
 */
public final class AttemptFiles implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    private static final int QUEUE = 16_384;
    /** The most event summaries the queued attempts may hold: what bounds the heap they keep alive. */
    private static final int QUEUED_EVENTS = 100_000;
    private static final long FORCE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration RETAIN_EVERY = Duration.ofMinutes(1);

    private final String endpoint;
    private final AttemptLogConfig config;
    private final Clock clock;
    private final AttemptSegments segments;
    private final List<Attempt> recovered;
    private final BlockingQueue<Attempt> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong queuedEvents = new AtomicLong();
    // whether the writer has these files in its queue already: it is told once until it comes
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AttemptWriter writer;
    // the writer made for these files alone, closed with them; null on an assembly's shared writer
    private final AttemptWriter own;
    private volatile long written;
    private volatile boolean closed;
    // guarded by this: the writer's thread, or a closing thread once the writer has stopped
    private boolean failing;
    private boolean dirty;
    private long lastForce = System.nanoTime();
    private Instant lastRetention;
    private int segmentCount;

    private AttemptFiles(String endpoint, AttemptLogConfig config, Clock clock, AttemptSegments segments,
            List<Attempt> recovered, AttemptWriter writer, AttemptWriter own) {
        this.endpoint = endpoint;
        this.config = config;
        this.clock = clock;
        this.segments = segments;
        this.recovered = recovered;
        this.written = segments.lastSequence();
        this.lastRetention = clock.instant();
        this.segmentCount = segments.count();
        this.writer = writer;
        this.own = own;
        writer.register(this);
    }

    /**
     * Opens an endpoint's attempt files, cutting a torn tail (a crash while writing), with a writer of their own.
     *
     * @param directory where every endpoint's attempt files are ({@code <journal>/attempts})
     * @param endpoint the endpoint's name
     * @param config its retention, size, and how many attempts its ring starts with
     * @param threads where the writer's thread comes from
     * @return the files
     * @throws IOException if they cannot be opened or read
     */
    public static AttemptFiles open(Path directory, String endpoint, AttemptLogConfig config, ThreadFactory threads)
            throws IOException {
        AttemptWriter own = new AttemptWriter(threads);
        try {
            return open(directory, endpoint, config, own, own, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * Opens an endpoint's attempt files, cutting a torn tail (a crash while writing), written by a writer that other
     * endpoints' files share.
     *
     * @param directory where every endpoint's attempt files are ({@code <journal>/attempts})
     * @param endpoint the endpoint's name
     * @param config its retention, size, and how many attempts its ring starts with
     * @param writer the writer, closed after these files
     * @return the files
     * @throws IOException if they cannot be opened or read
     * @since 0.4
     */
    public static AttemptFiles open(Path directory, String endpoint, AttemptLogConfig config, AttemptWriter writer)
            throws IOException {
        return open(directory, endpoint, config, writer, null, Clock.systemUTC());
    }

    static AttemptFiles open(Path directory, String endpoint, AttemptLogConfig config, ThreadFactory threads,
            Clock clock) throws IOException {
        AttemptWriter own = new AttemptWriter(threads);
        try {
            return open(directory, endpoint, config, own, own, clock);
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    private static AttemptFiles open(Path directory, String endpoint, AttemptLogConfig config, AttemptWriter writer,
            AttemptWriter own, Clock clock) throws IOException {
        long segmentBytes = Math.max(64L << 10, Math.min(64L << 20, config.maxBytes() / 8));
        AttemptSegments segments = AttemptSegments.open(directory.resolve(HexFormat.of().formatHex(
                endpoint.getBytes(StandardCharsets.UTF_8))), endpoint, segmentBytes);
        try {
            segments.retain(config.retention(), config.maxBytes(), clock.instant());
            List<Attempt> recovered = segments.newest(config.attempts());
            return new AttemptFiles(endpoint, config, clock, segments, recovered, writer, own);
        } catch (IOException | RuntimeException e) {
            segments.close();
            throw e;
        }
    }

    String endpoint() {
        return endpoint;
    }

    /** @return the newest attempts found on disk when opened, at most {@code newest}, oldest first */
    List<Attempt> recovered(int newest) {
        return recovered.subList(Math.max(0, recovered.size() - newest), recovered.size());
    }

    /** @return the sequence of the newest attempt on disk when opened, or 0 */
    long lastSequence() {
        return segments.lastSequence();
    }

    /** @return the sequence of the newest attempt whose write completed */
    long written() {
        return written;
    }

    /** Queues an attempt for the writer; never waits: if the queue is full, the attempt is not written. */
    void append(Attempt attempt) {
        int events = attempt.events().size();
        long queued = queuedEvents.addAndGet(events);
        boolean room = queued <= QUEUED_EVENTS || queued == events; // one larger attempt still goes, alone
        if (closed || !room || !queue.offer(attempt)) {
            queuedEvents.addAndGet(-events);
            if (skipped.getAndIncrement() % 10_000 == 0) {
                LOG.log(Level.WARNING, "RN-361 endpoint {0}: the attempt log''s files fall behind (or are closed); "
                        + "attempts are kept in memory only until they catch up ({1} so far)", endpoint,
                        Long.toString(skipped.get()));
            }
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            writer.ready(this);
        }
    }

    /** @return every attempt on disk that carried the event, newest first; none if the files cannot be read */
    List<Attempt> carrying(String eventId) {
        try {
            return segments.carrying(eventId);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "RN-360 endpoint " + endpoint + ": the attempt log's files could not be read; "
                    + "only the attempts in memory are shown", e);
            return List.of();
        }
    }

    /** @return whether {@link #close()} asked the writer to finish these files */
    boolean closing() {
        return closed;
    }

    /** On the writer's thread: writes what was queued, in one write (more only if many, or a segment fills). */
    synchronized void writeQueued() {
        scheduled.set(false); // an attempt queued from now on tells the writer again
        List<Attempt> batch = new ArrayList<>();
        queue.drainTo(batch);
        if (batch.isEmpty() || finished.getCount() == 0) {
            return;
        }
        write(batch);
        for (Attempt attempt : batch) {
            queuedEvents.addAndGet(-attempt.events().size());
        }
        housekeep();
    }

    /** On the writer's thread, once closing: forces and closes the files, and lets {@link #close()} return. */
    synchronized void finish() {
        if (finished.getCount() == 0) {
            return;
        }
        writeQueued(); // what was queued since the writer last came, before close() was called
        if (dirty) {
            try {
                segments.force();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "RN-360 endpoint " + endpoint + ": the attempt log's files could not be "
                        + "synced; what was written since the last sync may be lost in a machine crash", e);
            }
        }
        segments.close();
        finished.countDown();
    }

    /** Appends the attempts and writes them at once (in more writes only if they are many or fill a segment). */
    private void write(List<Attempt> attempts) {
        for (Attempt attempt : attempts) {
            try {
                segments.append(attempt);
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }
        try {
            if (segments.flush() && failing) {
                failing = false;
                LOG.log(Level.INFO, "RN-360 endpoint {0}: the attempt log''s files are written again", endpoint);
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
        dirty = true;
        written = segments.lastSequence();
        if (segments.count() != segmentCount) {
            segments.retain(config.retention(), config.maxBytes(), clock.instant());
            // counted after the retention's deletions: counted before, a later write that made as many segments as
            // were deleted looked like no new segment, and the files outgrew maxbytes until the minute's retention
            segmentCount = segments.count();
        }
    }

    private void failed(Exception e) {
        LOG.log(failing ? Level.DEBUG : Level.WARNING, "RN-360 endpoint " + endpoint + ": attempts could not be "
                + "written to the attempt log's files; they are kept in memory, and delivery goes on", e);
        failing = true;
    }

    /** Forces what was written at most once a second; applies the retention once a minute (and at each new segment). */
    synchronized void housekeep() {
        if (finished.getCount() == 0) {
            return;
        }
        if (dirty && System.nanoTime() - lastForce >= FORCE_EVERY_NANOS) {
            lastForce = System.nanoTime();
            dirty = false;
            try {
                segments.force();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "RN-360 endpoint " + endpoint + ": the attempt log's files could not be "
                        + "synced; what was written since the last sync may be lost in a machine crash", e);
            }
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastRetention.plus(RETAIN_EVERY))) {
            lastRetention = now;
            segments.retain(config.retention(), config.maxBytes(), now);
            segmentCount = segments.count();
        }
    }

    /** Writes what was queued, forces it, and closes the files; waits for the writer at most 5 seconds. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer.isClosed()) {
            writeQueued(); // no writer comes any more: the caller writes
            finish();
        } else {
            writer.ready(this);
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (own != null) {
            own.close();
        }
    }

    @Override
    public String toString() {
        return "AttemptFiles[" + endpoint + "]";
    }
}

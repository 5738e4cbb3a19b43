package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * Delivery with up to {@code maxinflight} envelopes in flight, for a receiver far away: events are partitioned by
 * repository over as many lanes, each with a thread, a connection and a retry state of its own, sending one envelope
 * at a time. Events of one repository therefore arrive in the order they were produced; events of different
 * repositories may not. A lane that retries holds back its own partition only.
 *
 * <p>The endpoint's thread polls the queue, hands each event to its lane, and acknowledges to the queue, in the order
 * it polled them, the longest run of events the lanes have delivered: a durable queue's position never passes an
 * event still in flight (after a crash, what the other lanes had delivered beyond it is sent again).
 */
final class Lanes {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");
    private static final Duration IDLE_CHECK = Duration.ofMillis(50);

    /** An event handed to a lane, with its place in the order the queue gave it. */
    private record Item(RegistryEvent event, long sequence) {
    }

    private final Endpoint endpoint;
    private final EndpointConfig config;
    private final NotificationQueue queue;
    private final StopSignal stop;
    private final Lane[] lanes;
    private final ConcurrentLinkedQueue<long[]> delivered = new ConcurrentLinkedQueue<>();
    // owned by the dispatching thread: delivered sequences beyond the acknowledged run
    private final Set<Long> done = new HashSet<>();
    private long nextSequence;
    private long acknowledgedUpTo;
    private volatile boolean finished;

    Lanes(Endpoint endpoint, EnvelopeFormat format, NotificationQueue queue, Sink transport,
            ThreadFactory threads) {
        this.endpoint = endpoint;
        this.config = endpoint.config();
        this.queue = queue;
        this.stop = endpoint.stop();
        this.lanes = new Lane[config.maxInFlight()];
        int capacity = Math.max(64, 2 * config.batch().maxEvents());
        for (int i = 0; i < lanes.length; i++) {
            EnvelopeBuilder builder = new EnvelopeBuilder(format, config.batch(), config.name());
            lanes[i] = new Lane(builder, new BatchSender(endpoint, builder, transport,
                    RetrySchedule.of(config, System::nanoTime)), capacity, threads, i);
        }
    }

    /**
     * Dispatches, on the endpoint's thread, until the endpoint is closing and everything was delivered, or delivery
     * is abandoned; then stops the lanes.
     */
    void run() throws InterruptedException {
        try {
            while (!stop.isAbandoned()) {
                acknowledgeDelivered();
                endpoint.reportDrops();
                RegistryEvent event = queue.poll(IDLE_CHECK);
                if (event == null) {
                    if (endpoint.isDraining() && queue.pending() == 0) {
                        return;
                    }
                    continue;
                }
                endpoint.took();
                Lane lane = lanes[Math.floorMod(event.repository().hashCode(), lanes.length)];
                Item item = new Item(event, nextSequence++);
                while (!lane.waiting.offer(item, IDLE_CHECK.toNanos(), TimeUnit.NANOSECONDS)) {
                    acknowledgeDelivered(); // the lane is full: its receiver is slow, or refusing
                    endpoint.reportDrops();
                    if (stop.isAbandoned()) {
                        return;
                    }
                }
            }
        } finally {
            finished = true;
            for (Lane lane : lanes) {
                lane.thread.join(Endpoint.STOP_GRACE.toMillis());
            }
            acknowledgeDelivered();
        }
    }

    /** Acknowledges the run of delivered events that follows the last acknowledged one. */
    private void acknowledgeDelivered() {
        for (long[] sequences = delivered.poll(); sequences != null; sequences = delivered.poll()) {
            for (long sequence : sequences) {
                done.add(sequence);
            }
        }
        int count = 0;
        while (done.remove(acknowledgedUpTo)) {
            acknowledgedUpTo++;
            count++;
        }
        if (count > 0) {
            queue.acknowledge(count);
        }
    }

    /** One partition's events, sent in order, one envelope at a time, on a thread of its own. */
    private final class Lane implements EnvelopeBuilder.Source {

        final ArrayBlockingQueue<Item> waiting;
        final Thread thread;
        private final EnvelopeBuilder builder;
        private final BatchSender sender;
        // owned by the lane's thread: the sequences of the events polled and not yet reported delivered
        private final ArrayDeque<Long> taken = new ArrayDeque<>();

        Lane(EnvelopeBuilder builder, BatchSender sender, int capacity, ThreadFactory threads, int index) {
            this.builder = builder;
            this.sender = sender;
            this.waiting = new ArrayBlockingQueue<>(capacity);
            this.thread = threads.newThread(this::deliverUntilStopped);
            try {
                thread.setName("regnotify-endpoint-" + config.name() + "-lane-" + index);
            } catch (SecurityException e) {
                // a managed thread keeps the server's name
            }
            thread.start();
        }

        @Override
        public RegistryEvent poll(Duration wait) throws InterruptedException {
            return taken(waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS));
        }

        @Override
        public RegistryEvent poll() {
            return taken(waiting.poll());
        }

        private RegistryEvent taken(Item item) {
            if (item == null) {
                return null;
            }
            taken.add(item.sequence());
            return item.event();
        }

        private void deliverUntilStopped() {
            try {
                while (!stop.isAbandoned() && !(finished && waiting.isEmpty() && taken.isEmpty())) {
                    if (endpoint.replayNext(builder, sender, false)) {
                        continue;
                    }
                    EnvelopeBuilder.Batch batch = builder.next(this, IDLE_CHECK);
                    if (batch == null) {
                        endpoint.replayNext(builder, sender, queue.pending() == 0);
                        continue;
                    }
                    endpoint.send(sender, batch, null);
                    long[] sequences = new long[batch.consumed()];
                    for (int i = 0; i < sequences.length; i++) {
                        sequences[i] = taken.poll();
                    }
                    delivered.add(sequences);
                }
            } catch (DeliveryException e) {
                LOG.log(Level.DEBUG, "RN-308 endpoint {0}: {1}", config.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

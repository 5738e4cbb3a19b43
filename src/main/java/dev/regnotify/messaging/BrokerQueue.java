package dev.regnotify.messaging;

import java.lang.System.Logger.Level;
import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import dev.regnotify.delivery.NotificationQueue;
import dev.regnotify.events.RegistryEvent;

/**
 * An endpoint's queue on the broker, as its delivering endpoint reads it: messages are received in order (one
 * consumer of the endpoint's group at a time gets them all), their events handed out one by one, and a message is
 * acknowledged to the broker only once every one of its events was delivered, each message on its own (Artemis's
 * individual acknowledgement; with other clients one message is taken at a time: {@link Acknowledgements}), so that
 * what is in flight is never acknowledged with what came before it. When this instance dies, the broker gives the
 * unacknowledged messages to the next consumer.
 *
 * <p>A broken connection (the broker restarted, the network cut) is reopened on the next poll, after a pause. The
 * broker redelivers what it had not acknowledged, to this instance or another: so the events received on the old
 * connection and not handed out yet are dropped as soon as the loss is known, and the acknowledgements of those
 * handed out are skipped when they come. A closing queue receives no new message. Only the endpoint's one thread
 * polls and acknowledges.
 *
 * <p>With a {@link Membership}, the queue opens its consumer only while its endpoint is this instance's and no other
 * delivering instance holds one. When that is no longer so (another deliverer joined), it receives nothing new, lets
 * the endpoint deliver and acknowledge what it received, and only then closes its connection, so that the broker
 * hands the group over with nothing in flight; until it may consume again it holds no connection. A queue that has
 * failed to connect for {@link #WITHDRAWN_AFTER} is not announced, so that a deliverer whose broker connection works
 * takes its endpoint; it keeps trying (browsing the queue, which takes no message), and is announced again once it
 * can.
 *
 * @since 0.2
 */
public final class BrokerQueue implements NotificationQueue {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.messaging");
    /**
     * How long a queue whose connection keeps failing is still announced: as long as a deliverer that is not heard
     * stays in its peers' view, since for this endpoint this instance is as good as gone.
     */
    static final Duration WITHDRAWN_AFTER = Membership.PERIOD.multipliedBy(Membership.PERIODS_TO_EXPIRY);

    private final Broker broker;
    private final String endpoint;
    private final Duration reconnectPause;
    // null without spreading: then every endpoint is this instance's to consume
    private final Membership membership;
    private final BatchReader reader;
    private final ReceivedMessages<Message> received = new ReceivedMessages<>();
    private final ReceivedMessages.Acknowledger<Message> acknowledger = Message::acknowledge;
    private Connection connection;
    private Session session;
    private MessageConsumer consumer;
    // whether acknowledging a message covers it alone; if not, a message is received only once the last is done
    private boolean individual;
    private long nextConnect;
    // written by the endpoint's thread, read by the membership's
    private volatile boolean failing;
    private volatile long failingSince;
    // the connection whose exception listener said it is lost: a lost connection does not always fail a receive
    private volatile Connection lost;
    private volatile boolean closing;
    private volatile boolean consuming;

    /**
     * @param broker the broker
     * @param endpoint the endpoint whose queue it reads
     * @param reconnectPause how long to wait before opening a broken connection again
     */
    public BrokerQueue(Broker broker, String endpoint, Duration reconnectPause) {
        this(broker, endpoint, reconnectPause, null);
    }

    /**
     * @param membership how this instance shares the endpoints out with the other deliverers, or null to consume
     *        whenever the broker gives it messages
     */
    BrokerQueue(Broker broker, String endpoint, Duration reconnectPause, Membership membership) {
        this.broker = broker;
        this.endpoint = endpoint;
        this.reconnectPause = reconnectPause;
        this.membership = membership;
        this.reader = new BatchReader(endpoint, broker.queueName(endpoint));
        if (membership != null) {
            membership.offer(endpoint, this);
        }
    }

    /** Never: producers forward to the broker, not to this queue. */
    @Override
    public boolean offer(RegistryEvent event) {
        return false;
    }

    @Override
    public RegistryEvent poll(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            RegistryEvent event = next(Math.max(1, left / 1_000_000));
            if (event != null || left <= 0 || System.nanoTime() >= deadline || closing && received.pending() == 0) {
                return event;
            }
        }
    }

    @Override
    public RegistryEvent poll() {
        try {
            return next(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** @param waitMillis how long to wait for a message; 0 for not at all */
    private RegistryEvent next(long waitMillis) throws InterruptedException {
        if (connection != null && lost == connection) {
            // before handing out more: the broker has given what this connection received back to its queue
            broken(new JMSException("the client said the connection was lost"));
            return null;
        }
        if (received.hasNext()) {
            return received.next();
        }
        long seen = membership == null ? 0 : membership.turns().version(); // before asking, so no change is missed
        if (closing || !mayConsume()) {
            standBy(seen, waitMillis);
            return null;
        }
        if (!individual && !received.settled()) {
            idle(waitMillis);
            return null;
        }
        try {
            if (consumer == null && !connect(waitMillis)) {
                return null;
            }
            Message message = waitMillis == 0 ? consumer.receiveNoWait() : consumer.receive(waitMillis);
            if (message == null) {
                return null;
            }
            Exception failed = received.add(message, reader.events(message), acknowledger);
            if (failed != null) {
                broken(failed);
            }
            return received.next();
        } catch (JMSException | RuntimeException e) {
            if (interrupted(e)) {
                // the endpoint is being stopped: what was not acknowledged stays with the broker
                Thread.currentThread().interrupt();
                return null;
            }
            broken(e);
            return null;
        }
    }

    private boolean mayConsume() {
        return membership == null || membership.turns().mayConsume(endpoint);
    }

    /**
     * Not this instance's turn (the queue closes, or the endpoint is another deliverer's): nothing new is received.
     * Once every event received is acknowledged, the consumer is released and the broker hands the group over with
     * nothing in flight; then the queue waits until it may consume again. A queue that could not connect tries again
     * meanwhile, so that it is announced again.
     */
    private void standBy(long seen, long waitMillis) throws InterruptedException {
        if (!received.settled()) {
            idle(waitMillis);
        } else if (consumer != null) {
            LOG.log(Level.DEBUG, "RN-350 endpoint {0}: its consumer on {1} is released with nothing in flight",
                    endpoint, broker.queueName(endpoint));
            release();
        } else if (closing) {
            return;
        } else if (failing) {
            probe(waitMillis);
        } else {
            membership.turns().awaitChange(seen, waitMillis);
        }
    }

    /**
     * Looks whether the queue can be read now, at the reconnection's pace, without consuming: a browser takes no
     * message and holds no group, so it does not disturb the deliverer that has the endpoint.
     */
    private void probe(long waitMillis) throws InterruptedException {
        long pause = nextConnect - System.nanoTime();
        if (pause > 0) {
            membership.turns().awaitChange(membership.turns().version(), Math.min(waitMillis, pause / 1_000_000 + 1));
            return;
        }
        Connection opened = null;
        try {
            opened = broker.connect();
            Session browsing = opened.createSession(false, Session.AUTO_ACKNOWLEDGE);
            browsing.createBrowser(browsing.createQueue(broker.queueName(endpoint))).close();
            LOG.log(Level.INFO, "RN-342 endpoint {0} can read its queue on {1} again", endpoint, broker.describe());
            failing = false;
        } catch (JMSException | RuntimeException e) {
            nextConnect = System.nanoTime() + reconnectPause.toNanos();
        } finally {
            broker.close(opened, endpoint);
        }
    }

    /**
     * @return whether the queue is worth announcing to the other deliverers: it is not closing, and it connects or
     *         has failed to for a short while only
     */
    boolean able() {
        return !closing && (!failing || System.nanoTime() - failingSince < WITHDRAWN_AFTER.toNanos());
    }

    /**
     * Waits without receiving (the queue is closing, or the message handed out must be acknowledged first), unless
     * nothing is pending: then the endpoint has nothing to wait for.
     */
    private void idle(long waitMillis) throws InterruptedException {
        if (waitMillis > 0 && received.pending() > 0) {
            Thread.sleep(waitMillis); // nothing can arrive: only this thread acknowledges, after the poll returns
        }
    }

    private static boolean interrupted(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** @return whether the consumer is open; waits out the pause after a failure, within the wait */
    private boolean connect(long waitMillis) throws JMSException, InterruptedException {
        long pause = nextConnect - System.nanoTime();
        if (pause > 0) {
            if (waitMillis == 0) {
                return false;
            }
            Thread.sleep(Math.min(waitMillis, pause / 1_000_000 + 1)); // paced reconnection, not a wait for a result
            if (nextConnect - System.nanoTime() > 0) {
                return false;
            }
        }
        Connection opened = broker.connect();
        try {
            listenForLoss(opened);
            session = Acknowledgements.open(opened, endpoint, broker);
            individual = Acknowledgements.individual(session);
            consumer = session.createConsumer(session.createQueue(broker.queueName(endpoint)));
            opened.start();
        } catch (JMSException | RuntimeException e) {
            opened.close();
            session = null;
            consumer = null;
            throw e;
        }
        connection = opened;
        consuming = true;
        if (failing) {
            LOG.log(Level.INFO, "RN-342 endpoint {0} reads its queue on {1} again", endpoint, broker.describe());
            failing = false;
        }
        return true;
    }

    /** A Jakarta EE server's connections refuse an exception listener: there a failed receive says it instead. */
    private void listenForLoss(Connection opened) {
        try {
            opened.setExceptionListener(e -> {
                LOG.log(Level.INFO, "RN-345 endpoint {0}: the client says the connection to {1} is lost ({2}); "
                        + "what it received and did not hand out yet is left to the broker", endpoint,
                        broker.describe(), broker.reason(e));
                lost = opened;
            });
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.DEBUG, "RN-341 endpoint {0}: no exception listener on this connection ({1})", endpoint,
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void acknowledge(int count) {
        Exception failed = received.acknowledge(count, acknowledger);
        if (failed != null) {
            broken(failed);
        }
    }

    /** Forgets the connection; what it handed out and did not acknowledge will come again from the broker. */
    private void broken(Exception e) {
        if (!failing) {
            failingSince = System.nanoTime();
            LOG.log(Level.WARNING, "RN-341 endpoint {0} lost its queue on {1}: {2}; it reconnects every {3} ms, and "
                    + "the broker sends its unacknowledged events again", endpoint, broker.describe(),
                    broker.reason(e), Long.toString(reconnectPause.toMillis()));
            failing = true;
        }
        received.lost();
        nextConnect = System.nanoTime() + reconnectPause.toNanos();
        disconnect();
    }

    /**
     * Gives the queue back with nothing of it left with this consumer: the connection stops (the broker sends it
     * nothing more), the session recovers, so that what the client had taken ahead and not handed out goes back to
     * the queue while the group is still this consumer's, and only then the connection closes. Artemis frees a group
     * as its consumer closes, before the messages that consumer had are back in the queue (they return once its
     * storage completes): a consumer of another instance receiving then could get later messages first.
     */
    private void release() {
        // on a connection known lost the broker has taken everything back already, and a call could wait for an answer
        if (session != null && lost != connection) {
            try {
                connection.stop();
                session.recover(); // returns once the broker has them back: the call waits for its answer
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.DEBUG, "RN-341 endpoint {0}: its session could not give back what it took ahead ({1})",
                        endpoint, broker.reason(e));
            }
        }
        disconnect();
    }

    private void disconnect() {
        Connection open = connection;
        connection = null;
        session = null;
        consumer = null;
        consuming = false;
        broker.close(open, endpoint);
    }

    /** @return events received and not yet acknowledged (what the broker still holds is not counted) */
    @Override
    public long pending() {
        return received.pending();
    }

    /**
     * Receives no new message: the endpoint drains what it was handed, and the broker keeps the rest for another
     * instance. The connection stays until {@link #disconnectWhenStopped}, for the acknowledgements.
     */
    @Override
    public void close() {
        closing = true;
    }

    /** Closes the connection once the endpoint's thread has stopped: what was not acknowledged goes to another. */
    public void disconnectWhenStopped() {
        closing = true;
        release();
        if (membership != null) {
            membership.withdraw(endpoint, this);
        }
    }

    /** @return whether it holds a consumer on the broker (only the endpoint's thread changes it) */
    boolean consuming() {
        return consuming;
    }

    @Override
    public String toString() {
        return "BrokerQueue[" + endpoint + " on " + broker.describe() + "]";
    }
}

package dev.regnotify.messaging;

import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import dev.regnotify.delivery.AttemptListener;
import dev.regnotify.delivery.DeliveryException;
import dev.regnotify.delivery.Envelope;
import dev.regnotify.delivery.Sink;

/**
 * Forwards an endpoint's batches of events to its queue on the broker, as persistent messages of the endpoint's group:
 * a batch is cut into messages of at most {@link #EVENTS_PER_MESSAGE} events, sent in one transaction, so that the
 * broker syncs its disk once for all of them (a sync per message was what bounded a producer), and {@link #send}
 * returns once the broker committed them: the local queue (or journal) lets the events go only then. The messages of
 * a transaction are stored together or not at all, in the order sent. A failure closes the connection; the next
 * attempt opens a new one. Used by the forwarder's thread; {@link #abort} may come from another. Neither an abort nor
 * a close waits for a broker that went silent ({@link ConnectionCloser}).
 *
 * <p>Transactions rather than Jakarta Messaging's asynchronous sends: with an envelope at a time they were measured no
 * faster (docs/performance.md), and Artemis's completion listener confirms nothing without the client's
 * {@code confirmationWindowSize}, which a server's connection factory may not have, where a commit means the same with
 * every provider.
 *
 * @since 0.2
 */
public final class BrokerSink implements Sink {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.messaging");
    // Artemis's duplicate detection (its Message.HDR_DUPLICATE_DETECTION_ID); other brokers ignore the property
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /**
     * Events per message: fewer and larger messages cost the broker less, yet a message stays under the 100 KiB above
     * which Artemis stores it apart, for typical events of 180 to 300 bytes.
     */
    static final int EVENTS_PER_MESSAGE = 300;
    private static final int MESSAGE_BYTES = 90 << 10;

    private final Broker broker;
    private final String endpoint;
    private final AttemptListener attempts;
    private final ConnectionCloser closer;
    // whoever takes it out closes it: the attempt that failed, an abort, or the close
    private final AtomicReference<Connection> connection = new AtomicReference<>();
    private Session session;
    private MessageProducer producer;

    /**
     * @param broker the broker
     * @param endpoint the endpoint whose notifications it forwards
     * @param attempts told how each attempt ended (the forwarder's counters)
     */
    public BrokerSink(Broker broker, String endpoint, AttemptListener attempts) {
        this(broker, endpoint, attempts, task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param broker the broker
     * @param endpoint the endpoint whose notifications it forwards
     * @param attempts told how each attempt ended (the forwarder's counters)
     * @param threads where the short-lived threads that close its connections apart come from (the container's, on
     *        a Jakarta EE server)
     * @since 0.4
     */
    public BrokerSink(Broker broker, String endpoint, AttemptListener attempts, ThreadFactory threads) {
        this.broker = broker;
        this.endpoint = endpoint;
        this.attempts = attempts;
        this.closer = new ConnectionCloser(broker, endpoint, threads);
    }

    @Override
    public void send(Envelope envelope) throws DeliveryException {
        try {
            if (producer == null) {
                open();
            }
            List<byte[]> messages = EventBatches.split(envelope.body(), EVENTS_PER_MESSAGE, MESSAGE_BYTES);
            if (!commit(messages)) {
                // an earlier attempt's commit reached the broker and its answer did not: the broker has some of
                // these messages, and ignored the whole transaction for them. One transaction each, in order: those
                // it has are ignored again, the others kept (the pieces of a batch are always the same)
                for (byte[] message : messages) {
                    commit(List.of(message));
                }
            }
            attempts.succeeded(200, envelope.events());
        } catch (JMSException | RuntimeException e) {
            attempts.errored(envelope.events());
            closer.closeApart(forget());
            // the client's exception is left out: brokers quote the user in theirs
            throw new DeliveryException("cannot forward " + envelope.events() + " events of endpoint " + endpoint
                    + " to " + broker.describe() + ": " + broker.reason(e));
        }
    }

    /**
     * Sends the messages in one transaction and commits it.
     *
     * @return false if the broker refused the transaction because it had one of its messages already
     */
    private boolean commit(List<byte[]> messages) throws JMSException {
        for (byte[] body : messages) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            message.setStringProperty(Broker.GROUP, endpoint);
            message.setStringProperty(DUPLICATE_ID, duplicateId(body));
            producer.send(message);
        }
        try {
            session.commit();
            return true;
        } catch (JMSException e) {
            if (duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Artemis says a duplicate it ignored with its ActiveMQDuplicateIdException, as the cause of the commit's. */
    private static boolean duplicate(JMSException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals("ActiveMQDuplicateIdException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same message sent again after a failure (the broker stored it, and the connection broke before its answer
     * came) carries the same id, so that the broker keeps it once: the events' ids make every message's bytes unique.
     */
    private String duplicateId(byte[] body) {
        try {
            return endpoint + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void open() throws JMSException {
        Connection opened = broker.connect();
        try {
            session = opened.createSession(true, Session.SESSION_TRANSACTED);
            producer = session.createProducer(session.createQueue(broker.queueName(endpoint)));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        } catch (JMSException | RuntimeException e) {
            opened.close();
            throw e;
        }
        connection.set(opened);
        LOG.log(Level.DEBUG, "RN-340 endpoint {0} forwards to {1}", endpoint, broker.describe());
    }

    /** @return the connection, unless an abort took it already; the next attempt opens a new one */
    private Connection forget() {
        Connection open = connection.getAndSet(null);
        session = null;
        producer = null;
        return open;
    }

    /**
     * Ends the connection at once, so that a send in flight fails now rather than when a silent broker's answer would
     * have come (with a server's factory, whose connections cannot be severed, the connection is closed apart); the
     * caller goes on to interrupt the forwarder's thread.
     */
    @Override
    public void abort() {
        closer.abandon(connection.getAndSet(null));
    }

    @Override
    public void close() {
        closer.close(forget());
    }

    @Override
    public String toString() {
        return "BrokerSink[" + endpoint + " to " + broker.describe() + "]";
    }
}

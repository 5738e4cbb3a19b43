package dev.regnotify.messaging;

import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadFactory;

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
 * attempt opens a new one. Used by the forwarder's thread; {@link #abort} may come from another.
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
    private final ThreadFactory threads;
    private volatile Connection connection;
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
     * @param threads where the short-lived threads that close a broken connection apart come from (the container's,
     *        on a Jakarta EE server)
     * @since 0.4
     */
    public BrokerSink(Broker broker, String endpoint, AttemptListener attempts, ThreadFactory threads) {
        this.broker = broker;
        this.endpoint = endpoint;
        this.attempts = attempts;
        this.threads = threads;
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
            closeApart(forget());
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
        connection = opened;
        LOG.log(Level.DEBUG, "RN-340 endpoint {0} forwards to {1}", endpoint, broker.describe());
    }

    /** @return the connection, which the next attempt opens again */
    private Connection forget() {
        Connection open = connection;
        connection = null;
        session = null;
        producer = null;
        return open;
    }

    /**
     * Closes the connection, so that a send in flight fails: apart, as the caller goes on to interrupt the forwarder's
     * thread. A commit waiting for a silent broker's answer is not always ended by either: measured, it waited out the
     * client's call timeout (30 s with Artemis) in 3 of 6 closes, so a forwarder's close may take that long.
     */
    @Override
    public void abort() {
        closeApart(connection);
    }

    /**
     * Closes a connection on a thread of its own. A client's close asks the broker and waits for its answer, behind
     * any call in flight: up to the client's call timeout (30 s with Artemis) when the broker went silent, which is
     * when a forwarder most needs to be stopped or to try again.
     */
    private void closeApart(Connection open) {
        if (open != null) {
            Thread closing = threads.newThread(() -> broker.close(open, endpoint));
            if (closing == null) {
                broker.close(open, endpoint); // a factory that makes no thread: the caller waits for the close
                return;
            }
            closing.setName("regnotify-close-" + endpoint);
            closing.start();
        }
    }

    @Override
    public void close() {
        broker.close(forget(), endpoint);
    }

    @Override
    public String toString() {
        return "BrokerSink[" + endpoint + " to " + broker.describe() + "]";
    }
}

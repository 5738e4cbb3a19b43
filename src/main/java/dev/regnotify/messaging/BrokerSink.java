package dev.regnotify.messaging;

import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
 * {@link #send} returns once the broker has the message on its disk, so that the local queue (or journal) lets the
 * events go only then. A failure closes the connection; the next attempt opens a new one. Used by the forwarder's
 * thread; {@link #abort} may come from another.
 *
 * @since 0.2
 */
public final class BrokerSink implements Sink {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.messaging");
    // Artemis's duplicate detection (its Message.HDR_DUPLICATE_DETECTION_ID); other brokers ignore the property
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final Broker broker;
    private final String endpoint;
    private final AttemptListener attempts;
    private volatile Connection connection;
    private Session session;
    private MessageProducer producer;

    /**
     * @param broker the broker
     * @param endpoint the endpoint whose notifications it forwards
     * @param attempts told how each attempt ended (the forwarder's counters)
     */
    public BrokerSink(Broker broker, String endpoint, AttemptListener attempts) {
        this.broker = broker;
        this.endpoint = endpoint;
        this.attempts = attempts;
    }

    @Override
    public void send(Envelope envelope) throws DeliveryException {
        try {
            if (producer == null) {
                open();
            }
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(envelope.body());
            message.setStringProperty(Broker.GROUP, endpoint);
            message.setStringProperty(DUPLICATE_ID, duplicateId(envelope.body()));
            producer.send(message);
            attempts.succeeded(200, envelope.events());
        } catch (JMSException | RuntimeException e) {
            attempts.errored(envelope.events());
            disconnect();
            // the client's exception is left out: brokers quote the user in theirs
            throw new DeliveryException("cannot forward " + envelope.events() + " events of endpoint " + endpoint
                    + " to " + broker.describe() + ": " + broker.reason(e));
        }
    }

    /**
     * The same envelope sent again after a failure (the broker stored it, and the connection broke before its answer
     * came) carries the same id, so that the broker keeps it once: the events' ids make every envelope's bytes unique.
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
            session = opened.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(broker.queueName(endpoint)));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        } catch (JMSException | RuntimeException e) {
            opened.close();
            throw e;
        }
        connection = opened;
        LOG.log(Level.DEBUG, "RN-340 endpoint {0} forwards to {1}", endpoint, broker.describe());
    }

    private void disconnect() {
        Connection open = connection;
        connection = null;
        session = null;
        producer = null;
        broker.close(open, endpoint);
    }

    /** Closes the connection, so that a send in flight fails at once. */
    @Override
    public void abort() {
        broker.close(connection, endpoint);
    }

    @Override
    public void close() {
        disconnect();
    }

    @Override
    public String toString() {
        return "BrokerSink[" + endpoint + " to " + broker.describe() + "]";
    }
}

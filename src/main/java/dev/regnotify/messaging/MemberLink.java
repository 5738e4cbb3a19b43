package dev.regnotify.messaging;

import java.lang.System.Logger.Level;
import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;

/**
 * A member's connection to the deliverers' topic: a publisher of non-persistent messages that expire, and a
 * non-durable subscriber, which hears this member's own messages too. Standard Jakarta Messaging only. One session,
 * used by the member's thread alone (a Jakarta EE server allows one session per connection); {@link #close} may come
 * from any thread, as {@link Connection#close} may.
 */
final class MemberLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.messaging");

    private final Broker broker;
    private final Connection connection;
    private final Session session;
    private final MessageProducer publisher;
    private final MessageConsumer subscriber;
    private volatile String lost;

    private MemberLink(Broker broker, Connection connection, Duration timeToLive) throws JMSException {
        this.broker = broker;
        this.connection = connection;
        listenForLoss();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(broker.deliverersTopic());
        subscriber = session.createConsumer(topic);
        publisher = session.createProducer(topic);
        publisher.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        publisher.setTimeToLive(timeToLive.toMillis());
        publisher.setDisableMessageID(true);
        connection.start();
    }

    /**
     * @param broker the broker
     * @param timeToLive how long a heartbeat may wait for a subscriber before the broker drops it
     * @return the link, subscribed
     * @throws JMSException if the broker cannot be reached, or refuses the topic
     */
    static MemberLink open(Broker broker, Duration timeToLive) throws JMSException {
        Connection connection = broker.connect();
        try {
            return new MemberLink(broker, connection, timeToLive);
        } catch (JMSException | RuntimeException e) {
            quietlyClose(broker, connection);
            throw e;
        }
    }

    /** A Jakarta EE server's connections refuse an exception listener: there a failed call says it instead. */
    private void listenForLoss() {
        try {
            connection.setExceptionListener(e -> lost = broker.reason(e));
        } catch (JMSException | RuntimeException e) {
            // a failed publish or receive says it
        }
    }

    /** @return why the client said the connection is lost, or null while it has not */
    String lost() {
        return lost;
    }

    void publish(Heartbeat beat) throws JMSException {
        publisher.send(beat.toMessage(session));
    }

    /** @param waitMillis how long to wait for a message; 0 for not at all */
    Message receive(long waitMillis) throws JMSException {
        return waitMillis <= 0 ? subscriber.receiveNoWait() : subscriber.receive(waitMillis);
    }

    @Override
    public void close() {
        quietlyClose(broker, connection);
    }

    /** A failed close changes nothing for the others: they stop hearing this member either way. */
    private static void quietlyClose(Broker broker, Connection connection) {
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.DEBUG, "RN-349 closing the deliverers' topic connection failed: {0}", broker.reason(e));
        }
    }
}

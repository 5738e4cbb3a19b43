package dev.regnotify.messaging;

import java.lang.System.Logger.Level;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import dev.regnotify.events.RegistryEvent;

/**
 * Reads the messages of one endpoint's queue as the batches of events producers forwarded ({@link EventBatches}),
 * and says what a reader should know of one: that it cannot be read (it is dropped: sending it again would not make
 * it readable), or that the broker delivered it so often that it is about to give it up.
 */
final class BatchReader {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.messaging");
    /**
     * From which delivery of a message on it is said: half Artemis's default {@code max-delivery-attempts} (10), after
     * which a broker moves a message to its dead-letter address, or drops it, unless told otherwise.
     */
    static final int REDELIVERIES_SAID = 5;

    private final String endpoint;
    private final String queue;

    /**
     * @param endpoint the endpoint whose queue it reads
     * @param queue the queue's name on the broker
     */
    BatchReader(String endpoint, String queue) {
        this.endpoint = endpoint;
        this.queue = queue;
    }

    /**
     * @return the message's events, in order; none if it is not a batch of events
     * @throws JMSException if its body cannot be had from the client
     */
    List<RegistryEvent> events(Message message) throws JMSException {
        sayIfRedeliveredOften(message);
        if (!(message instanceof BytesMessage bytes)) {
            LOG.log(Level.ERROR, "RN-343 endpoint {0}: a message on {1} is not a batch of events ({2}); it is "
                    + "dropped", endpoint, queue, message.getClass().getSimpleName());
            return List.of();
        }
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        try {
            return EventBatches.decode(body);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "RN-343 endpoint {0}: a message on {1} cannot be read ({2}); it is dropped",
                    endpoint, queue, e.getMessage());
            return List.of();
        }
    }

    private void sayIfRedeliveredOften(Message message) {
        int deliveries;
        try {
            deliveries = message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | RuntimeException e) {
            return; // a provider that does not count: nothing to say
        }
        if (deliveries >= REDELIVERIES_SAID) {
            LOG.log(Level.WARNING, "RN-347 endpoint {0}: a message on {1} has been delivered {2} times; a "
                    + "broker gives a message up after its max-delivery-attempts (Artemis: 10 by default), to its "
                    + "dead-letter address or nowhere: set max-delivery-attempts to -1 for {1}", endpoint,
                    queue, Integer.toString(deliveries));
        }
    }
}

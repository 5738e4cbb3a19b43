package dev.regnotify.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import dev.regnotify.delivery.Envelope;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.testing.Notifications;

/**
 * What a forwarder of the endpoint {@code hook} sends, and what its queue on the broker holds, for the sink's tests.
 */
final class HookQueue {

    private HookQueue() {
    }

    /** @return events 0 to count - 1 as the journal's records: the same bytes each time they are read */
    static List<byte[]> records(int count) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new EventBatches().encode(Notifications.numbered(i)));
        }
        return records;
    }

    /** @return the forwarder's envelope of these records */
    static Envelope batch(List<byte[]> records) {
        EventBatches format = new EventBatches();
        return new Envelope(format.envelope(records), format.contentType(), records.size(), Map.of());
    }

    /** @return the events' ids of each message on the queue of {@code hook}, in order, taking them off it */
    static List<List<String>> received(Broker broker) throws JMSException {
        List<List<String>> messages = new ArrayList<>();
        Connection connection = broker.connect();
        try {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(broker.queueName("hook")));
            for (Message message = consumer.receive(2_000); message != null; message = consumer.receive(500)) {
                BytesMessage bytes = (BytesMessage) message;
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                messages.add(EventBatches.decode(body).stream().map(RegistryEvent::id).toList());
            }
        } finally {
            connection.close();
        }
        return messages;
    }

    /** @return the events' ids on the queue of {@code hook}, in order, taking them off it */
    static List<String> ids(Broker broker) throws JMSException {
        return received(broker).stream().flatMap(List::stream).toList();
    }
}

package dev.regnotify.bench;

import java.util.List;
import java.util.concurrent.Semaphore;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.client.SendAcknowledgementHandler;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;

/**
 * One way for {@link ForwardModes} to send persistent messages and wait for the broker's confirmations: transactions
 * of n messages, or asynchronous sends with K messages in flight (Jakarta Messaging's completion listener, or
 * Artemis's core handler). Asynchronous sends need Artemis's {@code confirmationWindowSize}: without it, its client
 * calls the completion listener as soon as the message is written to the socket, before the broker stored it.
 */
record ForwardMode(String name, Kind kind, int messages, int drainEvery) {

    static final List<String> ALL = List.of("tx1", "tx10", "tx30", "async4", "async16", "async64", "env10",
            "env30w16", "core16");
    // the confirmations' window (bytes the broker receives before it confirms them in one packet): its size matters
    // little here, as each asynchronous send gets an answer of its own once the broker stored the message
    private static final String CONFIRMED = "confirmationWindowSize=1048576";

    enum Kind { TRANSACTIONS, COMPLETION_LISTENER, CORE_HANDLER }

    static ForwardMode named(String name) {
        if (name.startsWith("tx")) {
            return new ForwardMode(name, Kind.TRANSACTIONS, Integer.parseInt(name.substring(2)), 0);
        } else if (name.startsWith("async")) {
            return new ForwardMode(name, Kind.COMPLETION_LISTENER, Integer.parseInt(name.substring(5)), 0);
        } else if (name.startsWith("env")) {
            // envM: M in flight, all confirmed before the next M; envMwK: K in flight, all confirmed after each M
            String[] sizes = name.substring(3).split("w");
            int envelope = Integer.parseInt(sizes[0]);
            return new ForwardMode(name, Kind.COMPLETION_LISTENER,
                    sizes.length > 1 ? Integer.parseInt(sizes[1]) : envelope, envelope);
        } else if (name.startsWith("core")) {
            return new ForwardMode(name, Kind.CORE_HANDLER, Integer.parseInt(name.substring(4)), 0);
        }
        throw new IllegalArgumentException("no mode " + name + ": txN, asyncK, envM, envMwK or coreK");
    }

    ConnectionFactory factory(String url) {
        String options = switch (kind) {
            case TRANSACTIONS -> "";
            case COMPLETION_LISTENER -> CONFIRMED;
            // a plain send does not block for the broker's answer then: the session's handler has it
            case CORE_HANDLER -> CONFIRMED + "&blockOnDurableSend=false";
        };
        return new ActiveMQConnectionFactory(options.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + options);
    }

    Session session(Connection connection) throws JMSException {
        return kind == Kind.TRANSACTIONS ? connection.createSession(true, Session.SESSION_TRANSACTED)
                : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    ForwardModes.Sender sender(Session session, MessageProducer producer, String[] ids) {
        try {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        return switch (kind) {
            case TRANSACTIONS -> new Transactions(session, producer, messages);
            case COMPLETION_LISTENER -> new ListenerWindow(producer, new Window(messages, drainEvery, ids));
            case CORE_HANDLER -> new CoreWindow(session, producer, new Window(messages, 0, ids));
        };
    }

    @Override
    public String toString() {
        return name;
    }

    /** Sends n messages, commits, and so on: each commit returns once the broker stored its messages. */
    private static final class Transactions implements ForwardModes.Sender {

        private final Session session;
        private final MessageProducer producer;
        private final int perCommit;
        private int uncommitted;

        Transactions(Session session, MessageProducer producer, int perCommit) {
            this.session = session;
            this.producer = producer;
            this.perCommit = perCommit;
        }

        @Override
        public void send(Message message) throws JMSException {
            producer.send(message);
            if (++uncommitted == perCommit) {
                finish();
            }
        }

        @Override
        public void finish() throws JMSException {
            if (uncommitted > 0) {
                session.commit();
                uncommitted = 0;
            }
        }
    }

    /**
     * At most K messages sent and not confirmed; the confirmations are counted in order, and one out of order (its
     * message is not the oldest unconfirmed) fails the run: what a forwarder lets go must be a prefix of what it sent.
     */
    static final class Window {

        private final int size;
        // confirmed all before sending on, after this many messages (an envelope), or 0: never
        private final int drainEvery;
        private final String[] ids;
        private final Semaphore free;
        private int sent;
        // written by the client's confirmation thread (one callback at a time per session), read by the sender
        private volatile int confirmed;
        private volatile String failure;

        Window(int size, int drainEvery, String[] ids) {
            this.size = size;
            this.drainEvery = drainEvery;
            this.ids = ids;
            this.free = new Semaphore(size);
        }

        void beforeSend() throws InterruptedException {
            free.acquire();
            check();
        }

        void afterSend() throws InterruptedException {
            if (drainEvery > 0 && ++sent % drainEvery == 0) {
                finish();
            }
        }

        void confirmed(String id) {
            int next = confirmed;
            if (next >= ids.length || !ids[next].equals(id)) {
                failure = "confirmation " + next + " is of " + id + ", not of the oldest unconfirmed message "
                        + (next < ids.length ? ids[next] : "(none)");
            }
            confirmed = next + 1;
            free.release();
        }

        void failed(String id, Exception e) {
            failure = "the broker did not store " + id + ": " + e;
            free.release();
        }

        void finish() throws InterruptedException {
            free.acquire(size);
            free.release(size);
            check();
        }

        private void check() {
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }

    /** Jakarta Messaging's asynchronous send, one listener for all messages. */
    private static final class ListenerWindow implements ForwardModes.Sender, CompletionListener {

        private final MessageProducer producer;
        private final Window window;

        ListenerWindow(MessageProducer producer, Window window) {
            this.producer = producer;
            this.window = window;
        }

        @Override
        public void send(Message message) throws JMSException, InterruptedException {
            window.beforeSend();
            producer.send(message, this);
            window.afterSend();
        }

        @Override
        public void finish() throws InterruptedException {
            window.finish();
        }

        @Override
        public void onCompletion(Message message) {
            try {
                window.confirmed(message.getStringProperty("_AMQ_DUPL_ID"));
            } catch (JMSException e) {
                window.failed("?", e);
            }
        }

        @Override
        public void onException(Message message, Exception exception) {
            window.failed(message.toString(), exception);
        }
    }

    /**
     * Artemis's own confirmation window: the core session's acknowledgement handler, and plain sends that do not
     * block. Reached only by casting the session to Artemis's class: no Jakarta Messaging API leads there.
     */
    private static final class CoreWindow implements ForwardModes.Sender, SendAcknowledgementHandler {

        private final MessageProducer producer;
        private final Window window;

        CoreWindow(Session session, MessageProducer producer, Window window) {
            this.producer = producer;
            this.window = window;
            ((ActiveMQSession) session).getCoreSession().setSendAcknowledgementHandler(this);
        }

        @Override
        public void send(Message message) throws JMSException, InterruptedException {
            window.beforeSend();
            producer.send(message);
        }

        @Override
        public void finish() throws InterruptedException {
            window.finish();
        }

        @Override
        public void sendAcknowledged(org.apache.activemq.artemis.api.core.Message message) {
            window.confirmed(message.getStringProperty("_AMQ_DUPL_ID"));
        }

        @Override
        public void sendFailed(org.apache.activemq.artemis.api.core.Message message, Exception e) {
            window.failed(message.getStringProperty("_AMQ_DUPL_ID"), e);
        }
    }
}

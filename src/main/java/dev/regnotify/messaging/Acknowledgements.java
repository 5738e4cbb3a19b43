package dev.regnotify.messaging;

import java.lang.System.Logger.Level;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * How a delivering queue's session acknowledges. Acknowledging one message alone, not with every message received
 * before it, is no standard mode: Artemis's client and Qpid JMS call it 101 ("individual"); another provider may
 * refuse that number or read it otherwise. So 101 is asked of those clients only, and checked; any other gets the
 * standard client acknowledgement (which covers every message the session received), and the queue then takes one
 * message at a time, so that acknowledging it covers nothing in flight. A session that acknowledges on receipt (what
 * the Jakarta Messaging specification lets a server give for a client acknowledgement) is refused: it would lose the
 * events in flight when the instance dies.
 */
final class Acknowledgements {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.messaging");
    /** Artemis's and Qpid JMS's mode that acknowledges one message. */
    static final int INDIVIDUAL = 101;
    private static final List<String> INDIVIDUAL_CLIENTS = List.of("org.apache.activemq.artemis.",
            "org.apache.qpid.jms.");

    private Acknowledgements() {
    }

    /**
     * @param connection a connection to the broker
     * @return a session with individual acknowledgement if the client has it, else with client acknowledgement
     * @throws JMSException if the provider gives neither
     */
    static Session open(Connection connection, String endpoint, Broker broker) throws JMSException {
        String client = connection.getClass().getName();
        if (INDIVIDUAL_CLIENTS.stream().anyMatch(client::startsWith)) {
            Session session = connection.createSession(false, INDIVIDUAL);
            if (individual(session)) {
                return session;
            }
            session.close();
        }
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        if (session.getAcknowledgeMode() != Session.CLIENT_ACKNOWLEDGE) {
            int given = session.getAcknowledgeMode();
            session.close();
            throw new JMSException("the broker's client (" + client + ") gives a session with acknowledgement mode "
                    + given + " where client acknowledgement (2) was asked: messages would be acknowledged before "
                    + "their events are delivered; give a connection factory that keeps the mode asked for");
        }
        LOG.log(Level.INFO, "RN-346 endpoint {0}: the client of {1} ({2}) acknowledges no message alone; it takes "
                + "one message at a time", endpoint, broker.describe(), client);
        return session;
    }

    /** @return whether acknowledging a message of the session covers that message alone */
    static boolean individual(Session session) throws JMSException {
        return session.getAcknowledgeMode() == INDIVIDUAL;
    }
}

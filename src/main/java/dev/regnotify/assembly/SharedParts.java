package dev.regnotify.assembly;

import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.http.Deadlines;
import dev.regnotify.journal.Journal;
import dev.regnotify.messaging.Broker;

/**
 * What the endpoints of one assembly share, opened before them and closed after them: the journal, the broker's
 * connections, the watchdog of their attempts' deadlines. Owned by the thread that starts or closes the assembly.
 */
final class SharedParts {

    // read by any thread for the metrics' retained bytes
    private volatile Journal journal;
    private BrokerTopology brokers;
    private Deadlines deadlines;

    /**
     * Opens the journal and the broker if the configuration has them, and the watchdog; what opened before a failure
     * stays here, for {@link #close()}.
     *
     * @param lookup how the broker's connection factory is found; called only with a broker configured
     */
    void open(RegnotifyConfig config, ThreadFactory threads, Function<BrokerConfig, Broker> lookup) {
        if (config.journal() != null) {
            journal = Journal.open(config.journal(), threads);
        }
        if (config.broker() != null) {
            brokers = new BrokerTopology(lookup.apply(config.broker()), threads);
        }
        deadlines = new Deadlines(threads);
    }

    /** @return the journal, or null without one (or before {@link #open}) */
    Journal journal() {
        return journal;
    }

    /** @return the endpoints' halves on the broker, or null without one */
    BrokerTopology brokers() {
        return brokers;
    }

    Deadlines deadlines() {
        return deadlines;
    }

    /**
     * Closes what the endpoints used, once they stopped: the watchdog, the broker's connections, the journal. Each
     * is closed once; a second call finds nothing left.
     */
    void close() {
        if (deadlines != null) {
            deadlines.close();
            deadlines = null;
        }
        if (brokers != null) {
            brokers.disconnect();
            brokers = null;
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }
}

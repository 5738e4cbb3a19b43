package dev.regnotify.assembly;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.DeliveryPool;
import dev.regnotify.delivery.attempts.AttemptWriter;
import dev.regnotify.delivery.http.Deadlines;
import dev.regnotify.journal.Journal;
import dev.regnotify.messaging.Broker;

/**
 * What the endpoints of one assembly share, opened before them and closed after them: the journal, the broker's
 * connections, the watchdog of their attempts' deadlines, the pool of threads that deliver for them, the writer of
 * their attempt files. Owned by the thread that starts or closes the assembly.
 */
final class SharedParts {

    // read by any thread for the metrics' retained bytes
    private volatile Journal journal;
    private BrokerTopology brokers;
    private Deadlines deadlines;
    private DeliveryPool pool;
    private ThreadFactory threads;
    // made when the first endpoint's attempt files open (endpoints with a journal): one thread writes them all
    private AttemptWriter attemptWriter;

    /**
     * Opens the journal and the broker if the configuration has them, and the watchdog; what opened before a failure
     * stays here, for {@link #close()}.
     *
     * @param origin where the configuration came from, named in a refusal
     * @param lookup how the broker's connection factory is found; called only with a broker configured
     * @throws ConfigException naming {@code notifications.journal.directory} if that directory cannot be created
     */
    void open(RegnotifyConfig config, String origin, ThreadFactory threads, Function<BrokerConfig, Broker> lookup) {
        if (config.journal() != null) {
            create(config.journal().directory(), origin);
            journal = Journal.open(config.journal(), threads);
        }
        if (config.broker() != null) {
            brokers = new BrokerTopology(lookup.apply(config.broker()), threads, config.broker().spread());
        }
        deadlines = new Deadlines(threads);
        pool = new DeliveryPool(config.deliveryThreads(), threads);
        this.threads = threads;
    }

    /**
     * Creates the journal's directory, or says as a configuration error why it cannot be: a path that names no
     * directory is the configuration's fault, like every other value it refuses, not a fault of the journal.
     */
    private static void create(Path directory, String origin) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigException("notifications.journal.directory", directory + " cannot be the journal's "
                    + "directory: " + why(directory, e) + " (in " + origin + ")", e);
        }
    }

    private static String why(Path directory, IOException e) {
        for (Path above = directory.toAbsolutePath(); above != null; above = above.getParent()) {
            if (Files.exists(above)) {
                if (!Files.isDirectory(above)) {
                    return above + " is a file, not a directory";
                }
                break;
            }
        }
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        return e instanceof FileSystemException failed && failed.getReason() != null
                ? failed.getFile() + ": " + failed.getReason() : e.toString();
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

    /** @return the threads that deliver for the endpoints, made as they are first needed */
    DeliveryPool pool() {
        return pool;
    }

    /** @return the one writer of every endpoint's attempt files, started at the first call */
    synchronized AttemptWriter attemptWriter() {
        if (attemptWriter == null) {
            attemptWriter = new AttemptWriter(threads);
        }
        return attemptWriter;
    }

    /**
     * Closes what the endpoints used, once they stopped: the delivery threads, the watchdog, the broker's connections,
     * the journal. Each is closed once; a second call finds nothing left.
     */
    void close() {
        synchronized (this) {
            if (attemptWriter != null) {
                attemptWriter.close();
                attemptWriter = null;
            }
        }
        if (pool != null) {
            pool.close();
            pool = null;
        }
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

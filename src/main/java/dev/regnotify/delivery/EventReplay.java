package dev.regnotify.delivery;

import dev.regnotify.events.RegistryEvent;

/**
 * An endpoint's events from a time on, read again from where its queue keeps them (the journal), in the order they
 * were delivered: what {@link Endpoint#replaySince} sends once more. Read by the one worker that sends the replay.
 *
 * @since 0.3
 */
public interface EventReplay extends AutoCloseable {

    /**
     * @return the next event of the replay that the endpoint wants, or null when there is no more
     * @throws java.io.UncheckedIOException if the events cannot be read now (the next call reads the same place again)
     */
    RegistryEvent next();

    /** @return how many bytes of the queue's log the replay reads, from its first event to where it ends */
    long bytes();

    /** Frees what the replay holds: the log may delete what it would have read. */
    @Override
    void close();
}

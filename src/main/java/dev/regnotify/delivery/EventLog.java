package dev.regnotify.delivery;

import dev.regnotify.events.RegistryEvent;

/**
 * Where the {@link Broadcaster} keeps each event once before its endpoints' queues see it: the durable journal,
 * whose endpoints' queues read it. Implementations never throw from these methods: what cannot be kept is
 * logged by them and reported here.
 *
 * @since 0.1
 */
public interface EventLog {

    /**
     * @param event the registry event
     * @return a ticket for {@link #awaitDurable}, or -1 if the event could not be kept (the log is full, closed, or
     *         its write failed)
     */
    long append(RegistryEvent event);

    /** @return whether each event must be waited for with {@link #awaitDurable} before the caller returns */
    boolean syncsEachEvent();

    /**
     * Returns once the event of a ticket is on stable storage, or known not to be.
     *
     * @param ticket a ticket {@link #append} returned
     * @return false if the event was not written and is lost; true if it is in the log (on stable storage unless the
     *         log reported a failed sync)
     */
    boolean awaitDurable(long ticket);
}

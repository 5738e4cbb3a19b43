package dev.regnotify.delivery;

/**
 * An endpoint's dead letters, under their 0.2 name.
 *
 * @since 0.2
 * @deprecated moved to {@link dev.regnotify.delivery.deadletter.DeadLetterStore}; this name is removed in 0.4
 */
@Deprecated(since = "0.3", forRemoval = true)
public final class DeadLetterStore extends dev.regnotify.delivery.deadletter.DeadLetterStore {

    /**
     * @param endpoint the endpoint's name, for messages
     * @param capacity how many events the letters may hold
     * @param files where they survive a restart, or null to keep them in memory
     */
    public DeadLetterStore(String endpoint, long capacity, dev.regnotify.delivery.deadletter.DeadLetterFiles files) {
        super(endpoint, capacity, files);
    }
}

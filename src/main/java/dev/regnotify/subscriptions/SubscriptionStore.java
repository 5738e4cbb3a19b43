package dev.regnotify.subscriptions;

import java.util.List;

/**
 * Where subscriptions are kept: a file, the journal's directory, or the application's own database. Each change is
 * durable when its method returns; a method that throws kept nothing of that change, and the change is refused.
 * {@link Subscription#toJson()} and {@link Subscription#fromJson(String)} give a store one document per subscription
 * to keep beside its name and owner.
 *
 * <p>Called by one thread at a time for changes ({@link Subscriptions} holds its lock); {@link #load()} may be called
 * at any time to see what other instances changed.
 *
 * @since 0.4
 */
public interface SubscriptionStore {

    /**
     * @return every subscription kept, in the order they were created
     * @throws SubscriptionStoreException if they cannot be read
     */
    List<Subscription> load();

    /**
     * Keeps a new subscription, or replaces the one of the same name.
     *
     * @param subscription the subscription
     * @throws SubscriptionStoreException if it could not be kept durably
     */
    void put(Subscription subscription);

    /**
     * Deletes a subscription; nothing happens if there is none of that name.
     *
     * @param name its name
     * @throws SubscriptionStoreException if the deletion could not be made durable
     */
    void remove(String name);
}

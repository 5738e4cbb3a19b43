package dev.regnotify.subscriptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps subscriptions in memory only: they are lost with the process. What the library uses with neither a journal,
 * nor {@code notifications.subscriptions.file}, nor a store of the application's. Thread-safe.
 *
 * @since 0.4
 */
public final class MemorySubscriptionStore implements SubscriptionStore {

    private final Map<String, Subscription> kept = new LinkedHashMap<>();

    @Override
    public synchronized List<Subscription> load() {
        return new ArrayList<>(kept.values());
    }

    @Override
    public synchronized void put(Subscription subscription) {
        kept.put(subscription.name(), subscription);
    }

    @Override
    public synchronized void remove(String name) {
        kept.remove(name);
    }

    @Override
    public String toString() {
        return "MemorySubscriptionStore";
    }
}

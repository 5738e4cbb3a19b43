package dev.regnotify.subscriptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test double of the store SPI: keeps documents (as an application's database would, through
 * {@link Subscription#toJson()}), counts the changes, and fails them on demand.
 */
final class RecordingStore implements SubscriptionStore {

    private final Map<String, String> documents = new LinkedHashMap<>();
    private int changes;
    private volatile boolean failing;

    void failing(boolean fail) {
        failing = fail;
    }

    synchronized int changes() {
        return changes;
    }

    @Override
    public synchronized List<Subscription> load() {
        List<Subscription> loaded = new ArrayList<>();
        documents.values().forEach(document -> loaded.add(Subscription.fromJson(document)));
        return loaded;
    }

    @Override
    public synchronized void put(Subscription subscription) {
        fail();
        changes++;
        documents.put(subscription.name(), subscription.toJson());
    }

    @Override
    public synchronized void remove(String name) {
        fail();
        changes++;
        documents.remove(name);
    }

    private void fail() {
        if (failing) {
            throw new SubscriptionStoreException("the test's store refuses", new java.io.IOException("refused"));
        }
    }
}

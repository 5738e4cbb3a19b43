package dev.regnotify.cdi;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Instance;

import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SubscriptionsConfig;
import dev.regnotify.subscriptions.FileSubscriptionStore;
import dev.regnotify.subscriptions.MemorySubscriptionStore;
import dev.regnotify.subscriptions.OwnerPolicy;
import dev.regnotify.subscriptions.SubscriptionListener;
import dev.regnotify.subscriptions.SubscriptionStore;
import dev.regnotify.subscriptions.Subscriptions;
import dev.regnotify.subscriptions.UrlCheck;

/**
 * Which store and which owner policy the subscriptions use: the application's beans if it produces them; else
 * {@code notifications.subscriptions.file}; else {@code subscriptions.json} in the journal's directory; else memory.
 */
final class SubscriptionSetup {

    /** The file the subscriptions are kept in, in the journal's directory. */
    static final String JOURNAL_FILE = "subscriptions.json";
    /** How often a store that other instances may share is read again: a change made elsewhere applies within it. */
    static final Duration RELOAD = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger("dev.regnotify.subscriptions");

    private SubscriptionSetup() {
    }

    static Subscriptions open(RegnotifyConfig config, Instance<SubscriptionStore> stores, Instance<OwnerPolicy> owners,
            SubscriptionListener listener) {
        SubscriptionsConfig settings = config.subscriptions();
        SubscriptionStore store = store(config, stores);
        OwnerPolicy policy = owners.isResolvable() ? owners.get() : OwnerPolicy.ANY_NON_BLANK;
        Subscriptions subscriptions = new Subscriptions(store, settings, policy, UrlCheck.guarded(settings.guard()),
                listener, Clock.systemUTC());
        LOG.log(Level.INFO, "RN-700 subscriptions kept in {0}: {1} of at most {2}", store,
                Integer.toString(subscriptions.list(null).size()), Integer.toString(settings.max()));
        return subscriptions;
    }

    /**
     * Reads the store again every {@link #RELOAD} when other instances may share it: the application's own (its
     * database), or any with a broker (several instances); the file stores belong to one process.
     */
    static void reloadIfShared(Subscriptions subscriptions, RegnotifyConfig config,
            Instance<SubscriptionStore> stores) {
        if (stores.isResolvable() || config.broker() != null) {
            subscriptions.reloadEvery(RELOAD);
        }
    }

    private static SubscriptionStore store(RegnotifyConfig config, Instance<SubscriptionStore> stores) {
        if (stores.isResolvable()) {
            return stores.get();
        }
        Path file = config.subscriptions().file();
        if (file != null) {
            return new FileSubscriptionStore(file);
        }
        if (config.journal() != null) {
            return new FileSubscriptionStore(config.journal().directory().resolve(JOURNAL_FILE));
        }
        return new MemorySubscriptionStore();
    }
}

package dev.regnotify.cdi;

import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;

import dev.regnotify.subscriptions.SubscriptionEvent;
import dev.regnotify.subscriptions.SubscriptionListener;

/**
 * Hands subscription events (created, deleted, disabled) to application observers ({@code @ObservesAsync}), on the
 * executor of asynchronous observers, as the delivery events are: an endpoint's thread or an API request never runs
 * application code.
 */
final class SubscriptionEvents implements SubscriptionListener {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.subscriptions");

    private final Event<SubscriptionEvent> target;
    private final NotificationOptions options;

    SubscriptionEvents(Event<SubscriptionEvent> target, NotificationOptions options) {
        this.target = target;
        this.options = options;
    }

    @Override
    public void on(SubscriptionEvent event) {
        try {
            target.fireAsync(event, options).exceptionally(failure -> {
                LOG.log(Level.WARNING, "RN-707 an observer of " + event.getClass().getSimpleName() + " of "
                        + "subscription " + event.name() + " failed", failure);
                return null;
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "RN-707 {0} of subscription {1} not fired: the executor is stopped",
                    event.getClass().getSimpleName(), event.name());
        }
    }
}

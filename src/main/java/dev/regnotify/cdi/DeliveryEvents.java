package dev.regnotify.cdi;

import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;

import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.events.DeliveryEvent;

/**
 * Hands the endpoints' delivery events to application observers ({@code @ObservesAsync}), on the executor of
 * asynchronous observers, so that an endpoint's thread never runs application code: a slow observer delays only
 * other observers, and one that throws is logged.
 */
final class DeliveryEvents implements DeliveryListener {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final Event<DeliveryEvent> target;
    private final NotificationOptions options;

    DeliveryEvents(Event<DeliveryEvent> target, NotificationOptions options) {
        this.target = target;
        this.options = options;
    }

    @Override
    public void on(DeliveryEvent event) {
        try {
            target.fireAsync(event, options).exceptionally(failure -> {
                LOG.log(Level.WARNING, "RN-314 an observer of " + event.getClass().getSimpleName() + " of endpoint "
                        + event.endpoint() + " failed", failure);
                return null;
            });
        } catch (RejectedExecutionException e) {
            // the container is stopping and its executor with it: nobody is left to observe
            LOG.log(Level.DEBUG, "RN-314 {0} of endpoint {1} not fired: the executor is stopped",
                    event.getClass().getSimpleName(), event.endpoint());
        }
    }
}

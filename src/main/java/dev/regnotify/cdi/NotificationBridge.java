package dev.regnotify.cdi;

import java.lang.System.Logger.Level;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import dev.regnotify.events.RegistryEvent;

/**
 * The library's observer: turns each registry event into a notification for the endpoints. It observes the
 * {@link PendingNotification} fired just before the public event, so it is notified before application observers,
 * and after the transaction succeeds when there is one (at once when there is none). Enqueues only: it never blocks
 * and never throws.
 */
@ApplicationScoped
class NotificationBridge {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    @Inject
    NotificationService notifications;

    void onEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.LIBRARY_BEFORE)
            PendingNotification pending) {
        RegistryEvent event = pending.event();
        pending.take();
        try {
            notifications.publish(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "RN-307 the notification of " + event.getClass().getSimpleName() + " " + event.id()
                    + " was not queued", e);
        }
    }
}

package dev.regnotify.cdi;

import java.lang.System.Logger.Level;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.regnotify.events.EventContext;
import dev.regnotify.events.EventContextSupplier;

/**
 * The context an event carries: the one bound with {@link EventContext#run}, else the application's
 * {@link EventContextSupplier} bean's, else {@link EventContext#EMPTY}.
 */
@ApplicationScoped
class EventContexts {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.events");

    @Inject
    Instance<EventContextSupplier> suppliers;

    private EventContextSupplier supplier;

    @PostConstruct
    void init() {
        supplier = suppliers.isResolvable() ? suppliers.get() : null;
    }

    EventContext current() {
        EventContext bound = EventContext.current();
        if (bound != null || supplier == null) {
            return bound != null ? bound : EventContext.EMPTY;
        }
        try {
            EventContext supplied = supplier.get();
            return supplied != null ? supplied : EventContext.EMPTY;
        } catch (ContextNotActiveException e) {
            return EventContext.EMPTY;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-204 the EventContextSupplier failed; the event carries an empty context", e);
            return EventContext.EMPTY;
        }
    }
}

package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.regnotify.events.RegistryEvent;

/**
 * The producers' side of an endpoint: its filter and its queue, on the registry operation's thread. Never blocks,
 * never throws: an event the queue cannot take is counted as dropped and logged at a bounded rate.
 */
final class Intake {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final EndpointFilter filter;
    private final NotificationQueue queue;
    private final EndpointState state;
    private final Runnable arrived;
    private final AtomicBoolean closedWarned = new AtomicBoolean();
    private final DropReport full = new DropReport(LOG, "RN-312 {0} notifications dropped since the last report "
            + "({1}); the registry operations succeeded");

    /** @param arrived told of each event queued: it wakes the endpoint's delivery */
    Intake(EndpointFilter filter, NotificationQueue queue, EndpointState state, Runnable arrived) {
        this.filter = filter;
        this.queue = queue;
        this.state = state;
        this.arrived = arrived;
    }

    /** @param event a registry event: queued unless the endpoint ignores it */
    void offer(RegistryEvent event) {
        try {
            if (!filter.accepts(event)) {
                return;
            }
            if (queue.offer(event)) {
                state.counters().accepted();
                arrived.run();
                return;
            }
            state.dropped(1);
            if (state.isDraining()) {
                if (closedWarned.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "RN-306 endpoint {0} is closed: event {1} and later ones are not queued",
                            state.name(), event.id());
                }
            } else {
                full.dropped(() -> "the queue of endpoint " + state.name() + " is full with " + queue.pending()
                        + " events", null);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            state.dropped(1);
            full.dropped(() -> "endpoint " + state.name() + " could not queue event " + event.id() + ": " + e, e);
        }
    }

    /** @param event an event the journal could not keep: counted as dropped if the endpoint wanted it */
    void dropped(RegistryEvent event) {
        if (filter.accepts(event)) {
            state.dropped(1);
        }
    }
}

package dev.regnotify.cdi;

import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;

/**
 * Hands the library's events to application observers ({@code @ObservesAsync}), on the executor of asynchronous
 * observers, so that a library thread (an endpoint's, an API request's) never runs application code: a slow observer
 * delays only other observers, and one that throws is logged.
 *
 * @param <T> the events' type
 */
final class AsyncObservers<T> {

    private final Event<T> target;
    private final NotificationOptions options;
    private final System.Logger log;
    private final String code;
    private final Function<T, String> subject;

    /**
     * @param log where a failure is said
     * @param code the log id of a failure ({@code RN-314})
     * @param subject what an event is about, for the log ({@code endpoint hooks})
     */
    AsyncObservers(Event<T> target, NotificationOptions options, System.Logger log, String code,
            Function<T, String> subject) {
        this.target = target;
        this.options = options;
        this.log = log;
        this.code = code;
        this.subject = subject;
    }

    void fire(T event) {
        try {
            target.fireAsync(event, options).exceptionally(failure -> {
                log.log(Level.WARNING, code + " an observer of " + event.getClass().getSimpleName() + " of "
                        + subject.apply(event) + " failed", failure);
                return null;
            });
        } catch (RejectedExecutionException e) {
            // the container is stopping and its executor with it: nobody is left to observe
            log.log(Level.DEBUG, "{0} {1} of {2} not fired: the executor is stopped", code,
                    event.getClass().getSimpleName(), subject.apply(event));
        }
    }
}

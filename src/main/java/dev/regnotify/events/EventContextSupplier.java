package dev.regnotify.events;

/**
 * Supplies the request and actor of the current request, for applications that keep them in a CDI scope. Provide
 * one bean of this type, typically {@code @RequestScoped}, reading the server's request:
 * <pre>{@code
 * @RequestScoped
 * public class HttpEventContext implements EventContextSupplier {
 *     @Inject HttpServletRequest http;
 *
 *     public EventContext get() {
 *         return EventContext.of(new RequestRecord(http.getHeader("X-Request-Id"), http.getRemoteAddr(),
 *                 http.getServerName(), http.getMethod(), http.getHeader("User-Agent")),
 *             new ActorRecord(http.getRemoteUser()));
 *     }
 * }
 * }</pre>
 * It is asked once per event, on the thread of the storage call. When its scope is not active there (a background
 * job), the event carries an empty context; such code binds one with {@link EventContext#run} instead.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EventContextSupplier {

    /** @return the context of the current request; null means none */
    EventContext get();
}

package dev.regnotify.subscriptions;

import dev.regnotify.config.EndpointConfig;

/**
 * Where a subscription's endpoint runs: started beside the configured endpoints, restarted with a new configuration,
 * stopped and forgotten. The seam between the subscriptions and how endpoints are run (today a thread each, as the
 * assembly starts them; later a shared pool): {@link Subscriptions} never touches a thread.
 *
 * <p>Called by one thread at a time (the {@link Subscriptions} lock).
 *
 * @since 0.4
 */
public interface SubscriptionEndpoints {

    /**
     * Starts a new endpoint that gets the events produced from now on (with a journal, its cursor opened where the log
     * ends: what the journal kept of an endpoint of that name deleted before is forgotten first) and adds it to those
     * notified.
     *
     * @param endpoint its configuration
     * @throws IllegalStateException if endpoints cannot be started at runtime here (say why)
     */
    void start(EndpointConfig endpoint);

    /**
     * Replaces a running endpoint by one with a new configuration, from where the old one stopped.
     *
     * @param endpoint its new configuration, with the same name
     */
    void restart(EndpointConfig endpoint);

    /**
     * Stops an endpoint and forgets it: no event is offered to it after this returns; what it had queued, its
     * position and its dead letters are gone.
     *
     * @param name the endpoint's name
     */
    void stop(String name);

    /**
     * @param name a name
     * @return whether an endpoint of the configuration (not a subscription) has that name
     */
    boolean configured(String name);
}

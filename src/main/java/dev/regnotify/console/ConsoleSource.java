package dev.regnotify.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.regnotify.delivery.DeadLetter;

/**
 * What the console shows and does, by endpoint name: the seam between the console and delivery. Every method returns
 * at once (it reads counters and logs, or queues work for the endpoint's own thread), so that a request never waits
 * for a delivery and a slow client never holds a delivery thread.
 *
 * <p>A method for something the source does not have throws {@link ConsoleException#notAvailable}, which the API
 * answers with 501 and the message; a name no endpoint has, {@link ConsoleException#unknownEndpoint} (404).
 * {@link EndpointConsoleSource} is the one over the library's endpoints.
 *
 * @since 0.3
 */
public interface ConsoleSource {

    /** @return every endpoint, in configuration order */
    List<EndpointView> endpoints();

    /**
     * @param name an endpoint's name
     * @return that endpoint
     * @throws ConsoleException 404 if no endpoint has that name
     */
    EndpointView endpoint(String name);

    /**
     * @param name an endpoint's name
     * @return its dead letters, oldest first
     */
    List<DeadLetter> deadLetters(String name);

    /**
     * @param name an endpoint's name
     * @return how many of its dead letters were queued for replay
     */
    int replayDeadLetters(String name);

    /**
     * @param name an endpoint's name
     * @param id a dead letter's id
     * @return false if it has no such letter, or the letter is being replayed already
     */
    boolean replayDeadLetter(String name, long id);

    /**
     * @param name an endpoint's name
     * @return how many of its dead letters were removed
     */
    int purgeDeadLetters(String name);

    /**
     * @param name an endpoint's name
     * @return whether it was disabled and delivers again
     */
    boolean enable(String name);

    /**
     * Stops an endpoint's delivery until it is enabled; its events wait in its queue.
     *
     * @param name an endpoint's name
     * @return whether it was enabled
     */
    boolean disable(String name);

    /**
     * @param name an endpoint's name
     * @param limit the most attempts to return, at least 1
     * @param outcome which attempts
     * @return its attempts, newest first
     */
    List<AttemptView> attempts(String name, int limit, AttemptView.Outcome outcome);

    /**
     * @param id an event's id
     * @return the event and every attempt that carried it, or empty if it is not known (any longer)
     */
    Optional<EventTrace> event(String id);

    /**
     * Starts delivering again an endpoint's events from a time on, with their ids (on the endpoint's thread, beside
     * its new events).
     *
     * @param name an endpoint's name
     * @param since the earliest time, inclusive
     * @return how many bytes of the journal the replay reads: 0 if the endpoint delivered nothing since then
     * @throws ConsoleException 409 if the endpoint keeps no delivered event, or not since then, or replays already
     */
    long replaySince(String name, Instant since);

    /**
     * @param window how far back, at most a day
     * @return every endpoint's deliveries over the window, in buckets
     */
    Rates rates(Duration window);
}

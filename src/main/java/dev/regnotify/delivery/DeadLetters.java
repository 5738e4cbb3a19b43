package dev.regnotify.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The endpoints' dead letters, for operators and application code: list and count them, replay one, all of an
 * endpoint, or those that became dead letters in a time range, and purge. A replayed letter keeps its events' ids
 * (receivers deduplicate by id), goes to the back of its endpoint's queue, and leaves the dead letters only once
 * its receiver accepted it. Thread-safe.
 *
 * @since 0.2
 */
public final class DeadLetters {

    private final Supplier<List<Endpoint>> running;

    /** @param endpoints the endpoints */
    public DeadLetters(List<Endpoint> endpoints) {
        List<Endpoint> fixed = List.copyOf(endpoints);
        this.running = () -> fixed;
    }

    /**
     * @param running the endpoints running at each call, in configuration order: those started at runtime
     *        (subscriptions) too
     * @since 0.4
     */
    public DeadLetters(Supplier<List<Endpoint>> running) {
        this.running = Objects.requireNonNull(running, "running");
    }

    /** @return every endpoint's dead letters, endpoint by endpoint in configuration order, oldest first */
    public List<DeadLetter> list() {
        return running.get().stream().flatMap(e -> e.deadLetters().list().stream()).toList();
    }

    /**
     * @param endpoint an endpoint's name
     * @return its dead letters, oldest first
     * @throws IllegalArgumentException if no endpoint has that name
     */
    public List<DeadLetter> list(String endpoint) {
        return named(endpoint).deadLetters().list();
    }

    /** @return how many dead letters all endpoints hold */
    public int count() {
        return running.get().stream().mapToInt(e -> e.deadLetters().count()).sum();
    }

    /**
     * @param endpoint an endpoint's name
     * @return how many dead letters it holds
     */
    public int count(String endpoint) {
        return named(endpoint).deadLetters().count();
    }

    /**
     * @param endpoint an endpoint's name
     * @param id the letter's id
     * @return false if it has no such letter, or it is being replayed already
     */
    public boolean replay(String endpoint, long id) {
        return named(endpoint).replay(id);
    }

    /**
     * @param endpoint an endpoint's name
     * @return how many of its letters were queued for replay
     */
    public int replay(String endpoint) {
        return named(endpoint).replay(letter -> true);
    }

    /**
     * @param endpoint an endpoint's name, or null for every endpoint
     * @param from the earliest last attempt, inclusive
     * @param to the latest last attempt, exclusive
     * @return how many letters whose last attempt is in the range were queued for replay
     */
    public int replay(String endpoint, Instant from, Instant to) {
        Predicate<DeadLetter> inRange = inRange(from, to);
        return selected(endpoint).stream().mapToInt(e -> e.replay(inRange)).sum();
    }

    /**
     * @param endpoint an endpoint's name
     * @return how many of its letters are being replayed: asked for, and not yet delivered nor dead again
     */
    public int replaying(String endpoint) {
        return named(endpoint).replaying();
    }

    /**
     * @param endpoint an endpoint's name
     * @param id the letter's id
     * @return whether it was there
     */
    public boolean purge(String endpoint, long id) {
        return named(endpoint).deadLetters().remove(id);
    }

    /**
     * @param endpoint an endpoint's name
     * @return how many of its letters were removed
     */
    public int purge(String endpoint) {
        return named(endpoint).deadLetters().removeIf(letter -> true);
    }

    /**
     * @param endpoint an endpoint's name, or null for every endpoint
     * @param from the earliest last attempt, inclusive
     * @param to the latest last attempt, exclusive
     * @return how many letters were removed
     */
    public int purge(String endpoint, Instant from, Instant to) {
        Predicate<DeadLetter> inRange = inRange(from, to);
        return selected(endpoint).stream().mapToInt(e -> e.deadLetters().removeIf(inRange)).sum();
    }

    private static Predicate<DeadLetter> inRange(Instant from, Instant to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a time range needs both ends, got from " + from + " to " + to);
        }
        return letter -> !letter.lastAttempt().isBefore(from) && letter.lastAttempt().isBefore(to);
    }

    private List<Endpoint> selected(String endpoint) {
        return endpoint == null ? running.get() : List.of(named(endpoint));
    }

    private Endpoint named(String endpoint) {
        List<Endpoint> endpoints = running.get();
        return endpoints.stream().filter(e -> e.name().equals(endpoint)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no endpoint is named " + endpoint + " (endpoints: "
                        + endpoints.stream().map(Endpoint::name).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return "DeadLetters[" + count() + " letters]";
    }
}

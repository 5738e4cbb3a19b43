package dev.regnotify.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.Optional;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.delivery.ReplayRefusedException;

/**
 * The console's source over the library's endpoints: their counters, dead letters and enabled switch. What the
 * endpoints do not keep yet answers {@code not-available}: the attempt log (attempts, an event's trace, the last
 * success), and rates. Replay by time needs a journal that keeps delivered events (its refusals answer 409). Until the
 * attempt log, the last failure is the newest dead letter's, and the state tells delivering from backing off by
 * the counters' movement between two looks ({@link StateWatch}). Thread-safe.
 *
 * @since 0.3
 */
public final class EndpointConsoleSource implements ConsoleSource {

    private final Supplier<List<Endpoint>> running;
    private final Map<String, StateWatch> states = new ConcurrentHashMap<>();

    /** @param endpoints the endpoints, in configuration order */
    public EndpointConsoleSource(List<Endpoint> endpoints) {
        List<Endpoint> fixed = List.copyOf(endpoints);
        this.running = () -> fixed;
    }

    /**
     * @param running the endpoints running at each request, in configuration order: those started at runtime
     *                (subscriptions) too
     * @since 0.4
     */
    public EndpointConsoleSource(Supplier<List<Endpoint>> running) {
        this.running = running;
    }

    @Override
    public List<EndpointView> endpoints() {
        return running.get().stream().map(this::view).toList();
    }

    private DeadLetters deadLetters() {
        return new DeadLetters(running.get());
    }

    @Override
    public EndpointView endpoint(String name) {
        return view(named(name));
    }

    private EndpointView view(Endpoint endpoint) {
        EndpointMetricsMXBean metrics = endpoint.metrics();
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("events", metrics.getEvents());
        counters.put("successes", metrics.getSuccesses());
        counters.put("failures", metrics.getFailures());
        counters.put("errors", metrics.getErrors());
        counters.put("dropped", metrics.getDropped());
        counters.put("attempts", metrics.getAttempts());
        counters.put("deadLettered", metrics.getDeadLettered());
        counters.put("deadLetters", metrics.getDeadLetters());
        counters.put("replayed", metrics.getReplayed());
        long pending = metrics.getPending();
        DeliveryState state = states.computeIfAbsent(endpoint.name(), n -> new StateWatch()).look(
                endpoint.isDisabled(), pending,
                metrics.getSuccesses(), metrics.getFailures() + metrics.getErrors());
        return new EndpointView(endpoint.name(), endpoint.config().redactedUrl(), state, pending, counters,
                metrics.getStatuses(), null, lastFailure(endpoint));
    }

    /** The newest dead letter's last attempt: the one failure the endpoints keep until the attempt log. */
    private EndpointView.Failure lastFailure(Endpoint endpoint) {
        return deadLetters().list(endpoint.name()).stream().max(Comparator.comparing(DeadLetter::lastAttempt))
                .map(letter -> new EndpointView.Failure(letter.lastAttempt(), statusOf(letter.lastError()),
                        letter.lastError()))
                .orElse(null);
    }

    /** @return the status code a dead letter's error starts with ({@code 500 Internal Server Error...}), or 0 */
    static int statusOf(String error) {
        if (error.length() >= 3 && error.substring(0, 3).chars().allMatch(Character::isDigit)
                && (error.length() == 3 || error.charAt(3) == ' ')) {
            return Integer.parseInt(error.substring(0, 3));
        }
        return 0;
    }

    @Override
    public List<DeadLetter> deadLetters(String name) {
        return deadLetters().list(named(name).name());
    }

    @Override
    public int replayDeadLetters(String name) {
        return deadLetters().replay(named(name).name());
    }

    @Override
    public boolean replayDeadLetter(String name, long id) {
        return deadLetters().replay(named(name).name(), id);
    }

    @Override
    public int purgeDeadLetters(String name) {
        return deadLetters().purge(named(name).name());
    }

    @Override
    public boolean enable(String name) {
        return named(name).enable();
    }

    @Override
    public boolean disable(String name) {
        return named(name).disable();
    }

    @Override
    public List<AttemptView> attempts(String name, int limit, AttemptView.Outcome outcome) {
        named(name);
        throw ConsoleException.notAvailable("the attempt log is not available yet: until it is, the counters, the "
                + "statuses and the dead letters' last errors show what receivers answered");
    }

    @Override
    public Optional<EventTrace> event(String id) {
        throw ConsoleException.notAvailable("looking up an event needs the attempt log, which is not available yet");
    }

    /**
     * Starts the endpoint's replay by time; it answers at once, the endpoint's thread sends.
     *
     * @return how many bytes of the journal the replay reads; 0 if the endpoint delivered nothing since then
     * @throws ConsoleException 409 with the refusal's code ({@code no-journal}, {@code no-retention},
     *         {@code before-retention} naming the oldest time kept, {@code replaying})
     */
    @Override
    public long replaySince(String name, Instant since) {
        Endpoint endpoint = named(name);
        try {
            return endpoint.replaySince(since);
        } catch (ReplayRefusedException e) {
            throw new ConsoleException(409, e.reason().code(), e.getMessage());
        }
    }

    @Override
    public Rates rates(Duration window) {
        throw ConsoleException.notAvailable("rates need the attempt log, which is not available yet");
    }

    private Endpoint named(String name) {
        Endpoint endpoint = running.get().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
        if (endpoint == null) {
            throw ConsoleException.unknownEndpoint(name);
        }
        return endpoint;
    }

    @Override
    public String toString() {
        return "EndpointConsoleSource" + running.get().stream().map(Endpoint::name).toList();
    }
}

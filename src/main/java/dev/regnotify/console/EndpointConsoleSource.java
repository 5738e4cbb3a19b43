package dev.regnotify.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.delivery.ReplayRefusedException;
import dev.regnotify.delivery.attempts.Attempt;
import dev.regnotify.delivery.attempts.AttemptLog;

/**
 * The console's source over the library's endpoints: their counters, dead letters and enabled switch, their attempt
 * logs (attempts, an event's trace, the last success and failure, the state, the rates), and their replays by time
 * (which need a journal that keeps delivered events: its refusals answer 409). Thread-safe.
 *
 * @since 0.3
 */
public final class EndpointConsoleSource implements ConsoleSource {

    private final Supplier<List<Endpoint>> running;
    private final DeadLetters deadLetters;

    /** @param endpoints the endpoints, in configuration order */
    public EndpointConsoleSource(List<Endpoint> endpoints) {
        List<Endpoint> fixed = List.copyOf(endpoints);
        this.running = () -> fixed;
        this.deadLetters = new DeadLetters(fixed);
    }

    /**
     * @param running the endpoints running at each request, in configuration order: those started at runtime
     *        (subscriptions) too
     * @since 0.4
     */
    public EndpointConsoleSource(Supplier<List<Endpoint>> running) {
        this.running = Objects.requireNonNull(running, "running");
        this.deadLetters = new DeadLetters(running);
    }

    @Override
    public List<EndpointView> endpoints() {
        return running.get().stream().map(this::view).toList();
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
        counters.put("skipped", metrics.getSkipped());
        counters.put("attempts", metrics.getAttempts());
        counters.put("deadLettered", metrics.getDeadLettered());
        counters.put("deadLetters", metrics.getDeadLetters());
        counters.put("replayed", metrics.getReplayed());
        long pending = metrics.getPending();
        AttemptLog log = endpoint.attempts();
        Attempt success = log.lastSuccess();
        return new EndpointView(endpoint.name(), endpoint.config().redactedUrl(), state(endpoint, pending), pending,
                counters, metrics.getStatuses(), success == null ? null : success.start(), lastFailure(endpoint));
    }

    /**
     * Disabled or idle as the endpoint says; with events to send, backing off if its newest attempt is waiting for a
     * retry, else delivering.
     */
    private static DeliveryState state(Endpoint endpoint, long pending) {
        if (endpoint.isDisabled()) {
            return DeliveryState.DISABLED;
        }
        if (pending == 0) {
            return DeliveryState.IDLE;
        }
        Attempt last = endpoint.attempts().last();
        return last != null && last.next() == Attempt.Next.RETRY ? DeliveryState.BACKING_OFF
                : DeliveryState.DELIVERING;
    }

    /**
     * The attempt log's last failure; with the log off, the counters' (its status line, no body); without either (a
     * log in memory, after a restart), the newest dead letter's.
     */
    private EndpointView.Failure lastFailure(Endpoint endpoint) {
        Attempt failure = endpoint.attempts().lastFailure();
        if (failure != null) {
            return new EndpointView.Failure(failure.start(), failure.status(), failure.answer());
        }
        EndpointMetricsMXBean metrics = endpoint.metrics();
        String time = metrics.getLastErrorTime();
        if (!time.isEmpty()) {
            String error = metrics.getLastError();
            return new EndpointView.Failure(Instant.parse(time), statusOf(error), error);
        }
        return deadLetters.list(endpoint.name()).stream().max(Comparator.comparing(DeadLetter::lastAttempt))
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
        return deadLetters.list(named(name).name());
    }

    @Override
    public int replayDeadLetters(String name) {
        return deadLetters.replay(named(name).name());
    }

    @Override
    public boolean replayDeadLetter(String name, long id) {
        return deadLetters.replay(named(name).name(), id);
    }

    @Override
    public int purgeDeadLetters(String name) {
        return deadLetters.purge(named(name).name());
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
        Predicate<Attempt> which = switch (outcome) {
            case ANY -> attempt -> true;
            case SUCCEEDED -> Attempt::succeeded;
            case FAILED -> attempt -> !attempt.succeeded();
        };
        return named(name).attempts().newest(limit, which).stream().map(EndpointConsoleSource::view).toList();
    }

    static AttemptView view(Attempt attempt) {
        return new AttemptView(attempt.endpoint(), attempt.start(), attempt.duration(), attempt.number(),
                attempt.eventIds(), attempt.bytes(), attempt.succeeded(), attempt.status(), attempt.answer(),
                attempt.retryAfter(), attempt.succeeded() ? "" : attempt.nextText());
    }

    @Override
    public Optional<EventTrace> event(String id) {
        List<Attempt> found = new ArrayList<>();
        for (Endpoint endpoint : running.get()) {
            found.addAll(endpoint.attempts().carrying(id));
        }
        found.sort(Comparator.comparing(Attempt::start).reversed());
        // an attempt only in a ring of a log on disk, its write not done yet, has the ids alone
        return found.stream().flatMap(a -> a.events().stream()).filter(e -> e.id().equals(id)).findFirst()
                .map(event -> new EventTrace(event, found.stream().map(EndpointConsoleSource::view).toList()));
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
        Instant now = Instant.now();
        Instant from = null;
        Duration bucket = null;
        List<Rates.Series> series = new ArrayList<>();
        for (Endpoint endpoint : running.get()) {
            AttemptLog.Series counted = endpoint.attempts().rates(now, window);
            from = counted.from();
            bucket = counted.bucket();
            series.add(new Rates.Series(endpoint.name(), counted.rates().stream()
                    .map(r -> new Rates.Bucket(r.successes(), r.failures(), r.p50(), r.p99())).toList()));
        }
        return from == null ? new Rates(now.minus(window), window, List.of()) : new Rates(from, bucket, series);
    }

    private Endpoint named(String name) {
        return running.get().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> ConsoleException.unknownEndpoint(name));
    }

    @Override
    public String toString() {
        return "EndpointConsoleSource" + running.get().stream().map(Endpoint::name).toList();
    }
}

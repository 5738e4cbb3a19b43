package dev.regnotify.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RetryConfig;

/**
 * What one round of the seeded fault run does, drawn from the seed and the round's number alone, so that a round
 * replays from them: the configuration of the endpoints and their queue, the events, and when which fault strikes.
 * Times are counted in events produced, not in milliseconds, so that a replay strikes at the same points of the
 * stream (the threads' interleaving is the machine's, and may differ).
 */
final class ChaosPlan {

    /** Where the endpoints' events wait. */
    enum Queue {
        MEMORY, INTERVAL, ALWAYS
    }

    /** How failed attempts are paced and bounded. */
    enum Retry {
        /** distribution's rule: threshold 2, backoff 20 ms, no end. */
        DISTRIBUTION,
        /** exponential, 10 to 80 ms, no end (410 Gone disables). */
        EXPONENTIAL,
        /** exponential, 5 to 40 ms, 3 attempts: then a dead letter. */
        BOUNDED,
        /** exponential, one attempt: every refusal, and any attempt cut short, makes a dead letter at once. */
        ONCE;

        boolean bounded() {
            return this == BOUNDED || this == ONCE;
        }
    }

    static final int ENDPOINTS = 2;
    static final List<String> REPOSITORIES = List.of("chaos/r0", "chaos/r1", "chaos/r2", "chaos/r3");
    static final int MAX_ATTEMPTS = 3;

    /** The configuration of a round's endpoints (alike) and of their queue. */
    record Setup(Queue queue, int batch, int maxInFlight, Retry retry, Duration timeout, boolean tightJournal) {

        boolean journaled() {
            return queue != Queue.MEMORY;
        }

        EndpointConfig endpoint(String name, URI url) {
            EndpointConfig config = EndpointConfig.of(name, url).withRetry(timeout, 2, Duration.ofMillis(20))
                    .withBatch(new BatchConfig(batch, 1 << 20)).withMaxInFlight(maxInFlight);
            return switch (retry) {
                case DISTRIBUTION -> config;
                case EXPONENTIAL -> config.withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(10),
                        Duration.ofMillis(80)));
                case BOUNDED -> config.withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(5),
                        Duration.ofMillis(40)).withBounds(MAX_ATTEMPTS, Duration.ZERO));
                case ONCE -> config.withRetryPolicy(RetryConfig.exponential(Duration.ofMillis(5),
                        Duration.ofMillis(40)).withBounds(1, Duration.ZERO));
            };
        }

        /** A tight journal holds about 100 events: a receiver that holds its endpoint back for long fills it. */
        JournalConfig journal(Path directory) {
            return new JournalConfig(directory, queue == Queue.ALWAYS ? JournalConfig.Fsync.ALWAYS
                    : JournalConfig.Fsync.INTERVAL, Duration.ofMillis(20), tightJournal ? 24 << 10 : 64 << 20,
                    tightJournal ? 4096 : 16384);
        }

        /** @return this setup as one argument, for a child JVM */
        String toArg() {
            return queue + "," + batch + "," + maxInFlight + "," + retry + "," + timeout.toMillis() + ","
                    + tightJournal;
        }

        static Setup fromArg(String arg) {
            String[] f = arg.split(",");
            return new Setup(Queue.valueOf(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Retry.valueOf(f[3]), Duration.ofMillis(Long.parseLong(f[4])), Boolean.parseBoolean(f[5]));
        }

        @Override
        public String toString() {
            return "queue=" + queue + (tightJournal ? " (tight)" : "") + " batch=" + batch + " maxinflight="
                    + maxInFlight + " retry=" + retry + " timeout=" + timeout.toMillis() + "ms";
        }
    }

    /**
     * A fault and when it strikes: at event {@code at} (in the in-process leg) or at the start of child run
     * {@code at} (in the killed leg).
     *
     * @param endpoint which endpoint's receiver, for a receiver's fault
     * @param until the event at which a window ends (refusals), or a restart strikes (its receiver stalls from
     *            {@code at}, so that an attempt is in flight); for reads, how many reads pass first
     * @param count how many answers, reads, writes or forces fail
     * @param param the status of a refusal, the kind of write fault, the drain of a restart in ms, how many events
     *            come at once after a read fault is armed (so that it strikes while an envelope of several is built),
     *            or whose connections a broker cut cuts ({@link ChaosBrokerNode#cutTarget})
     * @param repository the repository a refusal is about
     */
    record Step(int at, ChaosFault fault, int endpoint, int until, int count, int param, String repository) {
        @Override
        public String toString() {
            return switch (fault) {
                case REFUSE -> "@" + at + " endpoint-" + endpoint + " refuses " + repository + " with " + param
                        + " until @" + until;
                case AUTH -> "@" + at + " endpoint-" + endpoint + " refuses all with " + param + " until @" + until;
                case GONE -> "@" + at + " endpoint-" + endpoint + " answers 410 until healed";
                case TWICE, STALL, HUGE_HEADERS -> "@" + at + " endpoint-" + endpoint + " " + fault + " x" + count;
                case READ -> "@" + at + " " + count + " reads fail after " + until + ", then " + param
                        + " events at once";
                case WRITE -> "@" + at + " " + count + " writes fail " + FaultyFiles.WriteFault.values()[param];
                case FORCE -> "@" + at + " " + count + " forces fail";
                case RESTART -> "@" + at + " endpoint-" + endpoint + " stalls, @" + until + " restart (in the broker "
                        + "leg, of deliverer-" + endpoint + ") with a drain of " + param + "ms";
                case KILL -> "kill after " + count + " events";
                case BROKER_CUT -> "@" + at + " cut " + ChaosBrokerNode.cutTarget(param);
            };
        }
    }

    /** One round: its setup, how many events it produces over which repositories and how fast, and its faults. */
    record Round(long seed, int number, Setup setup, int events, long paceNanos, List<Step> steps) {
        String describe() {
            return "round " + number + ": " + setup + ", " + events + " events, "
                    + (paceNanos / 1000) + " us apart, faults " + steps;
        }
    }

    private ChaosPlan() {
    }

    /** The seed of a round: the run's seed mixed with the round's number and leg. */
    private static SplittableRandom random(long seed, int number, int leg) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + number * 31L + leg);
    }

    /**
     * A round of the in-process leg: every fault kind in {@code kinds} comes round in turn (round n injects kind
     * n mod k first), with up to four other faults drawn at random.
     */
    static Round inProcess(long seed, int number, List<ChaosFault> kinds) {
        SplittableRandom random = random(seed, number, 1);
        int events = 120 + random.nextInt(181);
        List<ChaosFault> chosen = new ArrayList<>();
        if (!kinds.isEmpty()) {
            chosen.add(kinds.get(number % kinds.size()));
            int more = random.nextInt(5);
            for (int i = 0; i < more; i++) {
                chosen.add(kinds.get(random.nextInt(kinds.size())));
            }
        }
        boolean journal = chosen.stream().anyMatch(ChaosFault::needsJournal) || random.nextInt(3) > 0;
        Setup setup = setup(random, journal);
        List<Step> steps = new ArrayList<>();
        for (ChaosFault fault : chosen) {
            steps.add(step(random, fault, random.nextInt(events), events));
        }
        steps.sort(Comparator.comparingInt(Step::at));
        long pace = new long[] {300_000, 1_000_000, 2_000_000}[random.nextInt(3)];
        return new Round(seed, number, setup, events, pace, List.copyOf(steps));
    }

    /**
     * A round of the killed leg: a journaled child JVM started and killed {@code kills} times, each run with faults
     * of the receivers drawn from {@code kinds} (those a receiver makes); a step's {@code at} is its run.
     */
    static Round killed(long seed, int number, List<ChaosFault> kinds) {
        SplittableRandom random = random(seed, number, 2);
        Setup drawn = setup(random, true);
        // never tight: the child cannot tell which events its journal refused, so none may be
        Setup setup = new Setup(drawn.queue(), drawn.batch(), drawn.maxInFlight(), drawn.retry(), drawn.timeout(),
                false);
        int kills = 2 + random.nextInt(3);
        List<ChaosFault> receiverKinds = kinds.stream().filter(ChaosFault::byReceiver).toList();
        List<Step> steps = new ArrayList<>();
        for (int run = 0; run < kills; run++) {
            steps.add(new Step(run, ChaosFault.KILL, 0, 0, 20 + random.nextInt(130), 0, null));
            if (!receiverKinds.isEmpty()) {
                int faults = 1 + random.nextInt(2);
                for (int i = 0; i < faults; i++) {
                    Step step = step(random, receiverKinds.get(random.nextInt(receiverKinds.size())), run, run + 1);
                    steps.add(step);
                }
            }
        }
        long pace = new long[] {500_000, 1_000_000, 2_000_000}[random.nextInt(3)];
        return new Round(seed, number, setup, 0, pace, List.copyOf(steps));
    }

    /**
     * A round of the broker leg: one to three broker cuts, and up to three faults of the receivers or restarts of a
     * delivering instance drawn from {@code kinds}; the setup's queue is the producing instance's local one (never
     * tight: nothing there holds the forwarder back long). A restart's {@code endpoint} is the delivering instance.
     */
    static Round broker(long seed, int number, List<ChaosFault> kinds) {
        SplittableRandom random = random(seed, number, 4);
        int events = 120 + random.nextInt(181);
        Setup drawn = setup(random, random.nextInt(3) > 0);
        Setup setup = new Setup(drawn.queue(), drawn.batch(), drawn.maxInFlight(), drawn.retry(), drawn.timeout(),
                false);
        List<ChaosFault> others = kinds.stream().filter(k -> k.byReceiver() || k == ChaosFault.RESTART).toList();
        List<ChaosFault> chosen = new ArrayList<>();
        int cuts = 1 + random.nextInt(3);
        for (int i = 0; i < cuts; i++) {
            chosen.add(ChaosFault.BROKER_CUT);
        }
        int more = others.isEmpty() ? 0 : random.nextInt(4);
        for (int i = 0; i < more; i++) {
            chosen.add(others.get(random.nextInt(others.size())));
        }
        List<Step> steps = new ArrayList<>();
        for (ChaosFault fault : chosen) {
            steps.add(step(random, fault, random.nextInt(events), events));
        }
        steps.sort(Comparator.comparingInt(Step::at));
        long pace = new long[] {300_000, 1_000_000, 2_000_000}[random.nextInt(3)];
        return new Round(seed, number, setup, events, pace, List.copyOf(steps));
    }

    private static Setup setup(SplittableRandom random, boolean journal) {
        Queue queue = journal ? (random.nextBoolean() ? Queue.INTERVAL : Queue.ALWAYS) : Queue.MEMORY;
        int batch = new int[] {1, 5, 20}[random.nextInt(3)];
        int maxInFlight = random.nextBoolean() ? 1 : 2 + random.nextInt(3);
        Retry retry = Retry.values()[random.nextInt(Retry.values().length)];
        Duration timeout = Duration.ofMillis(random.nextBoolean() ? 300 : 800);
        return new Setup(queue, batch, maxInFlight, retry, timeout, journal && random.nextBoolean());
    }

    private static Step step(SplittableRandom random, ChaosFault fault, int at, int end) {
        int endpoint = random.nextInt(ENDPOINTS);
        String repository = REPOSITORIES.get(random.nextBoolean() ? 0 : random.nextInt(REPOSITORIES.size()));
        return switch (fault) {
            case REFUSE -> new Step(at, fault, endpoint, Math.min(end, at + 10 + random.nextInt(190)), 0,
                    new int[] {500, 503, 400, 422}[random.nextInt(4)], repository);
            case AUTH -> new Step(at, fault, endpoint, Math.min(end, at + 5 + random.nextInt(35)), 0,
                    new int[] {401, 403, 404, 405}[random.nextInt(4)], null);
            case GONE -> new Step(at, fault, endpoint, end, 0, 410, null);
            case TWICE -> new Step(at, fault, endpoint, 0, 1 + random.nextInt(3), 0, null);
            case STALL -> new Step(at, fault, endpoint, 0, 1 + random.nextInt(2), 0, null);
            case HUGE_HEADERS -> new Step(at, fault, endpoint, 0, 1, 0, null);
            case READ -> new Step(at, fault, 0, random.nextInt(12), 1 + random.nextInt(3), 10 + random.nextInt(31),
                    null);
            case WRITE -> new Step(at, fault, 0, 0, 1 + random.nextInt(2),
                    random.nextInt(FaultyFiles.WriteFault.values().length), null);
            case FORCE -> new Step(at, fault, 0, 0, 1 + random.nextInt(2), 0, null);
            case RESTART -> new Step(at, fault, endpoint, Math.min(end - 1, at + 2 + random.nextInt(8)), 0,
                    random.nextInt(300), null);
            case KILL -> new Step(at, fault, 0, 0, 20 + random.nextInt(130), 0, null);
            case BROKER_CUT -> new Step(at, fault, 0, 0, 0, random.nextInt(ChaosBrokerNode.CUT_TARGETS), null);
        };
    }

    /**
     * @return the repository of each event of a round, drawn from the round's seed so that replays agree; the first
     *         repository gets half the traffic, so that a lane refused for it fills while the others go on
     */
    static List<String> repositories(long seed, int number, int events) {
        SplittableRandom random = random(seed, number, 3);
        return IntStream.range(0, events).mapToObj(i -> random.nextBoolean() ? REPOSITORIES.get(0)
                : REPOSITORIES.get(1 + random.nextInt(REPOSITORIES.size() - 1))).toList();
    }
}

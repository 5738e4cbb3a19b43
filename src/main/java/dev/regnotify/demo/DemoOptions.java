package dev.regnotify.demo;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.config.Durations;
import dev.regnotify.config.Format;
import dev.regnotify.config.Redaction;

/**
 * The command line of the demo, parsed and checked. A bad argument is an {@link IllegalArgumentException} whose
 * message names it.
 *
 * @param endpoints endpoints to deliver to instead of the embedded receiver
 * @param config a configuration file, or null
 * @param json whether stdout carries only the envelopes the embedded receiver got
 * @param timeout how long to wait for every notification to be delivered
 * @param storage the storage directory, or null for a new temporary one
 * @param bench how many manifests to push in bench mode, or -1 to play the scenario
 * @param warmup how many pushes the bench makes and delivers before it measures
 * @param repositories how many repositories the bench spreads its pushes over
 * @param batch the endpoints' {@code batch.maxevents}, or 0 to keep what the configuration says
 * @param maxInFlight the endpoints' {@code maxinflight}, or 0 to keep what the configuration says
 * @param signingSecrets secrets every endpoint signs with (Standard Webhooks), or none
 * @param format every endpoint's {@code format}, or null to keep what the configuration says
 * @param journal the journal directory that makes every endpoint durable, or null
 * @param serve the port to serve the registry API on, or -1 to play the scenario
 * @param deadLetters whether to list the journal's dead letters and exit
 * @param replay the endpoint whose dead letters to replay, or null
 * @param broker the Artemis URL of the broker every endpoint's notifications go through, or null
 * @param role what this instance does with the broker, or null to keep what the configuration says
 * @param consoleToken an operator's token for the console that {@code --serve} serves beside the registry API, or null
 * @param logAttempts the endpoints' {@code log.attempts} (0: the attempt log off), or -1 to keep what the
 *                    configuration says
 * @param help whether only the usage was asked for
 */
record DemoOptions(List<URI> endpoints, Path config, boolean json, Duration timeout, Path storage, int bench,
        int warmup, int repositories, int batch, int maxInFlight, List<String> signingSecrets, Format format,
        Path journal, int serve, boolean deadLetters, String replay, String broker, BrokerConfig.Role role,
        String consoleToken, int logAttempts, boolean help) {

    static final String USAGE = """
            usage: mvn -q compile exec:java -Dexec.args="[options]"
              --endpoint URL      deliver to this endpoint instead of the embedded receiver (repeatable)
              --config FILE       a configuration file (docs/configuration.md); --endpoint adds to it
              --json              stdout carries only the envelopes the embedded receiver got, one per line
              --timeout DURATION  how long to wait for every notification to be delivered (default 30s)
              --storage DIR       keep the filesystem storage in DIR (default: a new temporary directory)
              --bench N           instead of the scenario, push N manifests with a tag into an in-memory storage as
                                  fast as possible and print the throughput, the producer's latency and the CPU
              --warmup N          with --bench, first push and deliver N manifests, unmeasured (a warm JVM)
              --repositories N    with --bench, spread the pushes over N repositories (default 64)
              --batch N           send up to N events per envelope (batch.maxevents of every endpoint)
              --maxinflight N     let every endpoint have up to N envelopes in flight, in order per repository
              --signing-secret S  sign every endpoint's envelopes with the whsec_ secret S (Standard Webhooks;
                                  repeatable, to rotate keys)
              --format NAME       every endpoint's format: v1, v2, cloudevents, cloudevents-batch, cdevents or
                                  cdevents-batch
              --journal DIR       keep every endpoint's events in a durable journal in DIR; with --bench 0,
                                  deliver what the journal holds and exit when it is drained
              --serve PORT        instead of the scenario, serve the registry API on 127.0.0.1:PORT over the
                                  filesystem storage until interrupted (without endpoints, print each envelope)
              --dead-letters      list the dead letters kept in the journal (of --journal DIR or of --config),
                                  one line each, and exit; works beside the process that owns the journal
              --replay ENDPOINT   replay that endpoint's dead letters (journal of --journal DIR or of --config)
                                  and exit once they are delivered, or when --timeout passes
              --broker URL        put every endpoint behind the Artemis broker at URL (tcp://127.0.0.1:61616);
                                  user and password from --config or REGNOTIFY_BROKER_USER/_PASSWORD
              --role ROLE         with a broker, what this instance does: produce, deliver or both (default);
                                  --bench 0 --role deliver delivers until the queue is quiet and exits
              --console-token T   with --serve, serve the console at /console/ beside the registry API, with T as
                                  an operator's bearer token (16 characters or more; docs/console.md)
              --log-attempts N    every endpoint's attempt log keeps N attempts in memory; 0 turns it off (to
                                  measure what it costs)
              --help              show this and exit""";

    static DemoOptions parse(String... args) {
        List<URI> endpoints = new ArrayList<>();
        Path config = null;
        boolean json = false;
        Duration timeout = Duration.ofSeconds(30);
        Path storage = null;
        int bench = -1;
        int warmup = 0;
        int repositories = 64;
        int batch = 0;
        int maxInFlight = 0;
        List<String> signingSecrets = new ArrayList<>();
        Format format = null;
        Path journal = null;
        int serve = -1;
        boolean deadLetters = false;
        String replay = null;
        String broker = null;
        BrokerConfig.Role role = null;
        String consoleToken = null;
        int logAttempts = -1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--endpoint" -> endpoints.add(url(value(args, ++i, arg, "a URL")));
                case "--config" -> config = Path.of(value(args, ++i, arg, "a file"));
                case "--json" -> json = true;
                case "--timeout" -> timeout = duration(value(args, ++i, arg, "a duration such as 30s"));
                case "--storage" -> storage = Path.of(value(args, ++i, arg, "a directory"));
                case "--bench" -> bench = count(arg, value(args, ++i, arg, "a number of manifests"), 0);
                case "--warmup" -> warmup = count(arg, value(args, ++i, arg, "a number of manifests"), 0);
                case "--repositories" -> repositories = count(arg, value(args, ++i, arg, "a number"), 1);
                case "--batch" -> batch = count(arg, value(args, ++i, arg, "a number of events"), 1);
                case "--maxinflight" -> maxInFlight = count(arg, value(args, ++i, arg, "a number of envelopes"), 1);
                case "--signing-secret" -> signingSecrets.add(value(args, ++i, arg, "a whsec_ secret"));
                case "--format" -> format = format(value(args, ++i, arg, "a format"));
                case "--journal" -> journal = Path.of(value(args, ++i, arg, "a directory"));
                case "--serve" -> serve = port(value(args, ++i, arg, "a port"));
                case "--dead-letters" -> deadLetters = true;
                case "--replay" -> replay = value(args, ++i, arg, "an endpoint's name");
                case "--broker" -> broker = value(args, ++i, arg, "a broker URL such as tcp://127.0.0.1:61616");
                case "--role" -> role = role(value(args, ++i, arg, "produce, deliver or both"));
                case "--console-token" -> consoleToken = consoleToken(value(args, ++i, arg, "a token"));
                case "--log-attempts" -> logAttempts = count(arg, value(args, ++i, arg, "a number of attempts"), 0);
                case "--help", "-h" -> {
                    return new DemoOptions(List.of(), null, false, timeout, null, -1, 0, 64, 0, 0, List.of(), null,
                            null, -1, false, null, null, null, null, -1, true);
                }
                default -> throw new IllegalArgumentException("unknown argument \"" + arg + "\"");
            }
        }
        return new DemoOptions(List.copyOf(endpoints), config, json, timeout, storage, bench, warmup, repositories,
                batch, maxInFlight, List.copyOf(signingSecrets), format, journal, serve, deadLetters, replay, broker,
                role, consoleToken, logAttempts, false);
    }

    /** Checks the token's form here, so that a bad one is a bad argument; the message never quotes it. */
    private static String consoleToken(String text) {
        try {
            return ConsoleConfig.operator(text).tokens().get(0).value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--console-token: " + e.getMessage(), e);
        }
    }

    private static BrokerConfig.Role role(String text) {
        for (BrokerConfig.Role role : BrokerConfig.Role.values()) {
            if (role.name().equalsIgnoreCase(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("--role \"" + text + "\" is not one of produce, deliver, both");
    }

    private static Format format(String text) {
        for (Format format : Format.values()) {
            if (format.key().equals(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("--format \"" + text + "\" is not one of " + Arrays.stream(Format.values())
                .map(Format::key).collect(Collectors.joining(", ")));
    }

    private static int port(String text) {
        int port = count("--serve", text, 0);
        if (port > 65535) {
            throw new IllegalArgumentException("--serve \"" + text + "\" is not a port (0 to 65535)");
        }
        return port;
    }

    private static int count(String option, String text, int min) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " \"" + text + "\" is not a whole number of " + min + " or more");
    }

    private static String value(String[] args, int at, String option, String what) {
        if (at >= args.length || args[at].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs " + what);
        }
        return args[at];
    }

    private static URI url(String text) {
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("--endpoint \"" + Redaction.url(text)
                + "\" is not an absolute http or https URL");
    }

    private static Duration duration(String text) {
        try {
            Duration duration = Durations.parse(text);
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("--timeout \"" + text + "\" is not a duration (Go syntax such as 30s "
                + "or 1m30s)");
    }
}

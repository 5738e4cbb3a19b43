package dev.regnotify.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.regnotify.config.AttemptLogConfig;
import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.EndpointConfigBuilder;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SigningConfig;

/**
 * The demo and command-line tool: boots Weld SE with a storage as {@code @Listened} beans, plays a push / pull /
 * mount / delete scenario (or, with {@code --bench N}, pushes N blobs as fast as it can), and waits until every
 * notification is delivered: to an embedded receiver, or to the endpoints given. Exits 0 when all were delivered,
 * 1 when not, 2 on a bad argument.
 *
 * @since 0.1
 */
public final class Main {

    // kept here so that the logging configuration is not collected with the logger
    private static final Logger WELD_LOG = Logger.getLogger("org.jboss.weld");

    private Main() {
    }

    /** @param args see {@code --help} */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the demo.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        RegnotifyConfig config;
        SigningConfig signing;
        try {
            options = DemoOptions.parse(args);
            if (options.help()) {
                out.println(DemoOptions.USAGE);
                return 0;
            }
            config = options.config() == null ? RegnotifyConfig.DEFAULT : RegnotifyConfig.read(options.config());
            config = withBroker(config, options);
            signing = signing(options.signingSecrets());
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("regnotify demo: " + e.getMessage());
            err.println(DemoOptions.USAGE);
            return 2;
        }
        quietLogging();
        if (options.config() != null) {
            // the library's RN-401 names the bean the demo produces; this says where its content came from
            err.println("regnotify demo: configuration from " + options.config() + ", with the options given "
                    + "(the library logs it as the application's RegnotifyConfig bean)");
        }
        for (int i = 0; i < options.endpoints().size(); i++) {
            config = config.withEndpoint(EndpointConfig.of("endpoint-" + (i + 1), options.endpoints().get(i)));
        }
        boolean bench = options.bench() >= 0;
        boolean serve = options.serve() >= 0;
        EmbeddedReceiver receiver = null;
        try {
            if (config.enabledEndpoints().isEmpty()) {
                // the bench keeps nothing: its memory must not grow with the number of events
                receiver = new EmbeddedReceiver(options.json() || serve ? out : null, !bench && !serve);
                config = config.withEndpoint(EndpointConfig.of("embedded", receiver.url()));
            }
            if (options.consoleToken() != null) {
                config = config.withConsole(ConsoleConfig.operator(options.consoleToken()));
            }
            if (options.journal() != null) {
                config = config.withJournal(JournalConfig.in(options.journal()));
            }
            config = config.withEndpoints(config.endpoints().stream().map(e -> withOptions(e, options, signing))
                    .toList());
            if (options.deadLetters() || options.replay() != null) {
                if (config.journal() == null) {
                    err.println("regnotify demo: " + (options.deadLetters() ? "--dead-letters" : "--replay")
                            + " needs a journal: --journal DIR, or a --config file with a journal");
                    return 2;
                }
                return options.deadLetters() ? DeadLetterRun.list(config.journal().directory(), out, err)
                        : DeadLetterRun.replay(config, options.replay(), options.timeout(), err);
            }
            if (bench) {
                return BenchRun.run(config, new BenchRun.Load(options.bench(), options.warmup(),
                        options.repositories()), options.timeout(), out, err);
            }
            // without --storage, a directory of the run's own, deleted when it ends
            Path storage = options.storage() != null ? options.storage()
                    : Files.createTempDirectory("regnotify-demo-");
            try {
                if (serve) {
                    return ServeRun.run(config, storage, options.serve(), err);
                }
                return ScenarioRun.run(config, storage, options.timeout(), receiver, options.json() ? err : out);
            } finally {
                if (options.storage() == null) {
                    deleteTree(storage);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (receiver != null) {
                receiver.close();
            }
        }
    }

    /**
     * {@code --broker} puts the endpoints behind that broker (credentials from the configuration, else from the
     * environment), {@code --role} says what this instance does; both override the configuration's queue.
     */
    private static RegnotifyConfig withBroker(RegnotifyConfig config, DemoOptions options) {
        BrokerConfig broker = config.broker();
        if (options.broker() != null) {
            BrokerConfig given = BrokerConfig.at(options.broker());
            broker = broker == null ? given.withCredentials(System.getenv("REGNOTIFY_BROKER_USER"),
                    System.getenv("REGNOTIFY_BROKER_PASSWORD"))
                    : new BrokerConfig(BrokerConfig.Factory.URL, options.broker(), broker.user(), broker.password(),
                            broker.jndiName(), broker.destinationPrefix(), broker.role());
        }
        if (options.role() != null) {
            if (broker == null) {
                throw new IllegalArgumentException("--role needs a broker: --broker URL, or a --config file with "
                        + "notifications.queue");
            }
            broker = broker.withRole(options.role());
        }
        return config.withBroker(broker);
    }

    /**
     * {@code --format}, {@code --signing-secret}, {@code --maxinflight}, {@code --batch} and {@code --log-attempts}
     * override the file.
     */
    private static EndpointConfig withOptions(EndpointConfig endpoint, DemoOptions options, SigningConfig signing) {
        EndpointConfigBuilder builder = endpoint.toBuilder();
        if (options.format() != null) {
            builder.format(options.format());
        }
        if (signing.signs()) {
            builder.signing(signing);
        }
        if (options.maxInFlight() > 0) {
            builder.maxInFlight(options.maxInFlight());
        }
        if (options.batch() > 0) {
            builder.batch(new BatchConfig(options.batch(), endpoint.envelope().batch().maxBytes()));
        }
        if (options.logAttempts() >= 0) {
            builder.log(new AttemptLogConfig(options.logAttempts(), endpoint.log().retention(),
                    endpoint.log().maxBytes()));
        }
        return builder.build();
    }

    private static SigningConfig signing(java.util.List<String> secrets) {
        try {
            return new SigningConfig(secrets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--signing-secret: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void quietLogging() {
        WELD_LOG.setLevel(Level.WARNING);
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%6$s%n");
        }
    }
}

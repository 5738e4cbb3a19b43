package dev.regnotify.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.EndpointMetricsMXBean;
import dev.regnotify.events.BlobEvent;
import dev.regnotify.events.ManifestEvent;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.TagService;
import dev.regnotify.storage.FilesystemStorage;

/**
 * The demo and command-line tool: boots Weld SE with the filesystem storage as {@code @Listened} beans, plays a
 * push / pull / mount / delete scenario, and waits until every notification is delivered: to an embedded receiver,
 * or to the endpoints given. Exits 0 when all were delivered, 1 when not, 2 on a bad argument.
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
        try {
            options = DemoOptions.parse(args);
            if (options.help()) {
                out.println(DemoOptions.USAGE);
                return 0;
            }
            config = options.config() == null ? RegnotifyConfig.DEFAULT : RegnotifyConfig.read(options.config());
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("regnotify demo: " + e.getMessage());
            err.println(DemoOptions.USAGE);
            return 2;
        }
        quietLogging();
        PrintStream info = options.json() ? err : out;
        for (int i = 0; i < options.endpoints().size(); i++) {
            config = config.withEndpoint(EndpointConfig.of("endpoint-" + (i + 1), options.endpoints().get(i)));
        }
        EmbeddedReceiver receiver = null;
        try {
            if (config.enabledEndpoints().isEmpty()) {
                receiver = new EmbeddedReceiver(options.json() ? out : null);
                config = config.withEndpoint(EndpointConfig.of("embedded", receiver.url()));
            }
            Path storage = options.storage() != null ? options.storage()
                    : Files.createTempDirectory("regnotify-demo-");
            return play(config, storage, options.timeout(), receiver, info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (receiver != null) {
                receiver.close();
            }
        }
    }

    private static int play(RegnotifyConfig config, Path storage, Duration timeout, EmbeddedReceiver receiver,
            PrintStream info) {
        DemoBeans.storage = new FilesystemStorage(storage);
        DemoBeans.config = config;
        info.println("regnotify demo: filesystem storage in " + storage + "; notifications to "
                + config.enabledEndpoints().stream().map(e -> e.name() + " " + e.url())
                        .collect(Collectors.joining(", ")));
        Weld weld = new Weld().enableDiscovery().addBeanClasses(DemoBeans.all());
        try (WeldContainer container = weld.initialize()) {
            DemoScenario scenario = new DemoScenario(container.select(ManifestService.class).get(),
                    container.select(BlobStore.class).get(), container.select(TagService.class).get(),
                    container.select(RepositoryService.class).get(),
                    container.select(DemoBeans.EventCounter.class).get());
            long started = System.nanoTime();
            List<DemoScenario.Step> steps = scenario.play();
            printSteps(steps, info);
            NotificationMetrics metrics = container.select(NotificationMetrics.class).get();
            boolean delivered = awaitDelivery(metrics, started + timeout.toNanos());
            double seconds = (System.nanoTime() - started) / 1e9;
            for (Map.Entry<String, EndpointMetricsMXBean> e : metrics.endpoints().entrySet()) {
                EndpointMetricsMXBean m = e.getValue();
                info.printf("endpoint %s: %d events, %d delivered, %d pending, %d failed attempts, %d errors%n",
                        e.getKey(), m.getEvents(), m.getSuccesses(), m.getPending(), m.getFailures(), m.getErrors());
            }
            if (receiver != null) {
                printReceived(receiver, info);
            }
            int expected = steps.stream().mapToInt(s -> s.events().size()).sum();
            info.printf("%d notifications %s in %.2f s%n", expected, delivered ? "delivered" : "NOT all delivered",
                    seconds);
            return delivered ? 0 : 1;
        }
    }

    private static boolean awaitDelivery(NotificationMetrics metrics, long deadline) {
        while (true) {
            boolean done = metrics.endpoints().values().stream().allMatch(m -> m.getPending() == 0);
            if (done || System.nanoTime() > deadline) {
                return done;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    private static void printSteps(List<DemoScenario.Step> steps, PrintStream info) {
        info.println();
        info.printf("%3s  %-44s %s%n", "#", "step", "events fired");
        for (int i = 0; i < steps.size(); i++) {
            DemoScenario.Step step = steps.get(i);
            String events = step.events().stream().map(Main::describe).collect(Collectors.joining("; "));
            info.printf("%3d  %-44s %s%n", i + 1, step.description(), events);
        }
        info.println();
    }

    private static String describe(RegistryEvent event) {
        String what = event.getClass().getSimpleName();
        if (event instanceof ManifestEvent m) {
            return what + " " + DemoScenario.shortDigest(m.digest());
        }
        if (event instanceof BlobEvent b) {
            return what + " " + DemoScenario.shortDigest(b.digest());
        }
        if (event instanceof TagDeleted t) {
            return what + " " + t.tag();
        }
        return what + " " + event.repository();
    }

    private static void printReceived(EmbeddedReceiver receiver, PrintStream info) {
        List<String> envelopes = receiver.envelopes();
        Map<String, Integer> actions = new LinkedHashMap<>();
        int events = 0;
        for (String envelope : envelopes) {
            for (String action : actionsOf(envelope)) {
                actions.merge(action, 1, Integer::sum);
                events++;
            }
        }
        info.printf("embedded receiver got %d events in %d envelopes: %s%n", events, envelopes.size(),
                actions.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                        .collect(Collectors.joining(", ")));
    }

    /** The actions of an envelope, read without a JSON library: the demo's envelopes are the library's own. */
    static List<String> actionsOf(String envelope) {
        return java.util.regex.Pattern.compile("\"action\":\"(\\w+)\"").matcher(envelope).results()
                .map(m -> m.group(1)).toList();
    }

    private static void quietLogging() {
        WELD_LOG.setLevel(Level.WARNING);
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%6$s%n");
        }
    }
}

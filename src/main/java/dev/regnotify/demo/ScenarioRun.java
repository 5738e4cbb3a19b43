package dev.regnotify.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

/** The default run: the fourteen-step scenario on the filesystem storage, then a report of what arrived. */
final class ScenarioRun {

    // distribution's action, or a CDEvent's (its CloudEvent's type, which its subject follows; its context's does not)
    private static final Pattern ACTION = Pattern.compile("\"action\":\"(\\w+)\""
            + "|\"type\":\"dev\\.cdevents\\.artifact\\.(\\w+)\\.[0-9.]+\",\"subject\"");

    private ScenarioRun() {
    }

    static int run(RegnotifyConfig config, Path storage, Duration timeout, EmbeddedReceiver receiver,
            PrintStream info) {
        info.println("regnotify demo: filesystem storage in " + storage + "; notifications to "
                + config.enabledEndpoints().stream().map(e -> e.name() + " " + e.redactedUrl())
                        .collect(Collectors.joining(", ")));
        try (DemoContainer container = new DemoContainer(new FilesystemStorage(storage), config)) {
            DemoScenario scenario = new DemoScenario(container.get(ManifestService.class),
                    container.get(BlobStore.class), container.get(TagService.class),
                    container.get(RepositoryService.class), container.get(DemoBeans.EventCounter.class));
            long started = System.nanoTime();
            List<DemoScenario.Step> steps = scenario.play();
            printSteps(steps, info);
            boolean delivered = container.awaitDelivery(started + timeout.toNanos(), null);
            double seconds = (System.nanoTime() - started) / 1e9;
            for (Map.Entry<String, EndpointMetricsMXBean> e : container.endpoints().entrySet()) {
                EndpointMetricsMXBean m = e.getValue();
                String skipped = m.getSkipped() == 0 ? "" : ", " + m.getSkipped() + " skipped (not in its format)";
                info.printf("endpoint %s: %d events, %d delivered%s, %d pending, %d failed attempts, %d errors%n",
                        e.getKey(), m.getEvents(), m.getSuccesses(), skipped, m.getPending(), m.getFailures(),
                        m.getErrors());
            }
            if (receiver != null) {
                printReceived(receiver, info);
            }
            // what the endpoints took, after their filters, less what their formats do not carry: a pull filter, or
            // CDEvents, leaves fewer than the events fired
            long expected = container.endpoints().values().stream().mapToLong(m -> m.getEvents() - m.getSkipped())
                    .sum();
            info.printf("%d notifications %s in %.2f s%n", expected, delivered ? "delivered" : "NOT all delivered",
                    seconds);
            return delivered ? 0 : 1;
        }
    }

    private static void printSteps(List<DemoScenario.Step> steps, PrintStream info) {
        info.println();
        info.printf("%3s  %-44s %s%n", "#", "step", "events fired");
        for (int i = 0; i < steps.size(); i++) {
            DemoScenario.Step step = steps.get(i);
            String events = step.events().stream().map(ScenarioRun::describe).collect(Collectors.joining("; "));
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
            // the demo's envelopes are the library's own: no JSON library is needed to read their actions
            for (String action : ACTION.matcher(envelope).results()
                    .map(m -> m.group(1) != null ? m.group(1) : m.group(2)).toList()) {
                actions.merge(action, 1, Integer::sum);
                events++;
            }
        }
        info.printf("embedded receiver got %d events in %d envelopes: %s%n", events, envelopes.size(),
                actions.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                        .collect(Collectors.joining(", ")));
    }
}

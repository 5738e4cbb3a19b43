package dev.regnotify.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.console.Console;
import dev.regnotify.console.ConsoleAccess;
import dev.regnotify.console.ConsoleSource;
import dev.regnotify.demo.registry.RegistryServer;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.TagService;
import dev.regnotify.storage.FilesystemStorage;

/**
 * {@code --serve PORT}: the registry API over the filesystem storage until interrupted, and the console beside it when
 * tokens are configured ({@code --console-token}); Ctrl-C drains and exits.
 */
final class ServeRun {

    private ServeRun() {
    }

    static int run(RegnotifyConfig config, Path storage, int port, PrintStream info) {
        FilesystemStorage filesystem = new FilesystemStorage(storage);
        DemoContainer container = new DemoContainer(filesystem, config);
        RegistryServer server;
        try {
            server = start(container, filesystem, port);
            console(container, server, config);
        } catch (IOException e) {
            container.close();
            throw new UncheckedIOException("cannot serve on 127.0.0.1:" + port, e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // reported here, not only logged: the JDK resets its loggers in a shutdown hook of its own
            boolean drained = container.awaitDelivery(System.nanoTime() + config.drainTimeout().toNanos(), null);
            info.println(stopped(drained, container, config));
            info.flush();
            container.close();
            stopped.countDown();
        }, "regnotify-serve-stop"));
        info.println("regnotify registry on http://127.0.0.1:" + server.port() + " (storage " + storage
                + "); notifications to " + config.enabledEndpoints().stream().map(e -> e.name() + " " + e.redactedUrl())
                        .collect(Collectors.joining(", ")) + "; Ctrl-C drains and exits");
        if (config.console() != null) {
            info.println("regnotify console on http://127.0.0.1:" + server.port() + "/console/ ("
                    + config.console().tokens().size() + " tokens)");
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Mounts the console beside the registry API if the configuration gives it tokens. */
    static void console(DemoContainer container, RegistryServer server, RegnotifyConfig config) {
        if (config.console() != null) {
            Console.mount(server.httpServer(), container.get(ConsoleSource.class), ConsoleAccess.of(config.console()));
        }
    }

    /** What stopping left: "every notification was delivered" only when none is queued and none a dead letter. */
    private static String stopped(boolean drained, DemoContainer container, RegnotifyConfig config) {
        long pending = container.endpoints().values().stream().mapToLong(m -> m.getPending()).sum();
        long dead = container.endpoints().values().stream().mapToLong(m -> m.getDeadLetters()).sum();
        boolean journal = config.journal() != null;
        String letters = dead == 0 ? "" : dead + (dead == 1 ? " is a dead letter" : " are dead letters")
                + ", not delivered (" + (journal ? "kept in the journal's directory for --replay" : "in memory only: "
                + "lost now") + ")";
        if (drained) {
            return dead == 0 ? "regnotify registry stopped: every notification was delivered"
                    : "regnotify registry stopped: no notification is left queued, but " + letters;
        }
        return "regnotify registry stopped: " + pending + " notifications undelivered after "
                + config.drainTimeout().toMillis() + " ms" + (journal ? " (kept in the journal)" : "")
                + (dead == 0 ? "" : "; " + letters);
    }

    static RegistryServer start(DemoContainer container, FilesystemStorage storage, int port) throws IOException {
        NotificationMetrics metrics = container.get(NotificationMetrics.class);
        return RegistryServer.start(port, container.get(ManifestService.class), container.get(BlobStore.class),
                container.get(TagService.class), storage, metrics::prometheusText);
    }
}

package dev.regnotify.messaging;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.weld.environment.se.WeldContainer;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.BrokerConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.StorageBeans;

/**
 * One instance of a registry on several machines, for the multi-JVM test: {@code produce DIR COUNT} pushes COUNT
 * blobs through {@code @Listened} beans with a journal in DIR and prints each event's id once its operation
 * returned, then {@code forwarded} once the broker has them all, and exits; {@code deliver} delivers from the broker
 * until its standard input closes, printing {@code active} once it delivered something. Further arguments: the
 * broker URL, user, password, then one URL per endpoint.
 */
public final class BrokerChild {

    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    /** Remembers the id of the event the current push fired (the bridge has journaled it already). */
    @ApplicationScoped
    public static class LastId {
        void on(@Observes BlobPushed pushed) {
            LAST.set(pushed.id());
        }
    }

    private BrokerChild() {
    }

    static RegnotifyConfig config(BrokerConfig.Role role, String broker, String user, String password,
            String... urls) {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withBroker(BrokerConfig.at(broker)
                .withCredentials(user, password).withRole(role));
        for (int i = 0; i < urls.length; i++) {
            config = config.withEndpoint(EndpointConfig.of("endpoint-" + (i + 1), URI.create(urls[i]))
                    .withRetry(Duration.ofSeconds(2), 2, Duration.ofMillis(50))
                    .withBatch(new BatchConfig(100, BatchConfig.SINGLE.maxBytes())));
        }
        return config;
    }

    public static void main(String[] args) throws Exception {
        boolean produce = args[0].equals("produce");
        int rest = produce ? 3 : 1;
        String[] urls = Arrays.copyOfRange(args, rest + 3, args.length);
        RegnotifyConfig config = config(produce ? BrokerConfig.Role.PRODUCE : BrokerConfig.Role.DELIVER,
                args[rest], args[rest + 1], args[rest + 2], urls);
        if (produce) {
            config = config.withJournal(JournalConfig.in(Path.of(args[1])));
        }
        ProducedConfig.next = config;
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (WeldContainer container = Containers.weld(StorageBeans.services())
                .addBeanClasses(StorageBeans.Memory.class, ProducedConfig.class, LastId.class).initialize()) {
            NotificationMetrics metrics = container.select(NotificationMetrics.class).get();
            if (!produce) {
                metrics.endpoints(); // starts the endpoints
                out.println("delivering");
                out.flush();
                Thread active = new Thread(() -> {
                    while (metrics.endpoints().values().stream().allMatch(m -> m.getSuccesses() == 0)) {
                        LockSupport.parkNanos(20_000_000);
                    }
                    out.println("active"); // this instance delivered to a receiver
                    out.flush();
                }, "active-watch");
                active.setDaemon(true);
                active.start();
                System.in.read(); // until the test closes our input, or kills us
                return;
            }
            BlobStore blobs = container.select(BlobStore.class).get();
            RepositoryName repository = RepositoryName.of("many/instances");
            byte[] content = new byte[256];
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                content[0] = (byte) i;
                blobs.put(repository, MediaTypes.OCTET_STREAM, content);
                out.println(LAST.get());
            }
            out.flush();
            while (metrics.endpoints().values().stream().anyMatch(m -> m.getPending() > 0)) {
                LockSupport.parkNanos(20_000_000);
            }
            out.println("forwarded");
            out.flush();
        }
    }
}

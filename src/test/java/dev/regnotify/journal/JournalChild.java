package dev.regnotify.journal;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.weld.environment.se.WeldContainer;

import dev.regnotify.config.BatchConfig;
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
 * The process the crash tests kill: pushes blobs through {@code @Listened} beans, with a journal and endpoints that
 * may be down, and prints the id of each event once its operation has returned.
 * Arguments: the journal directory, then one URL per endpoint ({@code endpoint-1}, {@code endpoint-2} ...).
 */
public final class JournalChild {

    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    /** Remembers the id of the event the current push fired (the bridge has journaled it already). */
    @ApplicationScoped
    public static class LastId {
        void on(@Observes BlobPushed pushed) {
            LAST.set(pushed.id());
        }
    }

    private JournalChild() {
    }

    /** @return the configuration of the child, and of the test process that finally delivers its journal */
    public static RegnotifyConfig config(Path journal, String... urls) {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(JournalConfig.in(journal));
        for (int i = 0; i < urls.length; i++) {
            config = config.withEndpoint(EndpointConfig.of("endpoint-" + (i + 1), URI.create(urls[i]))
                    .withRetry(Duration.ofMillis(500), 2, Duration.ofMillis(20)).withBatch(new BatchConfig(5,
                            BatchConfig.SINGLE.maxBytes())));
        }
        return config;
    }

    public static void main(String[] args) {
        ProducedConfig.next = config(Path.of(args[0]), Arrays.copyOfRange(args, 1, args.length));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        byte[][] contents = new byte[16][];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = Arrays.copyOf(("crash " + i).getBytes(StandardCharsets.UTF_8), 512);
        }
        RepositoryName repository = RepositoryName.of("crash/test");
        try (WeldContainer container = Containers.weld(StorageBeans.services())
                .addBeanClasses(StorageBeans.Memory.class, ProducedConfig.class, LastId.class).initialize()) {
            BlobStore blobs = container.select(BlobStore.class).get();
            for (int i = 0; ; i++) {
                blobs.put(repository, MediaTypes.OCTET_STREAM, contents[i & 15]);
                out.println(LAST.get());
                out.flush();
            }
        }
    }
}

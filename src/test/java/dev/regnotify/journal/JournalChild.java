package dev.regnotify.journal;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.weld.environment.se.WeldContainer;

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
 * The process {@link JournalCrashTest} kills: pushes blobs through {@code @Listened} beans, with a journal and an
 * endpoint that is down, and prints the id of each event once its operation has returned.
 * Arguments: the journal directory, the endpoint URL.
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

    public static void main(String[] args) {
        ProducedConfig.next = RegnotifyConfig.DEFAULT.withJournal(JournalConfig.in(Path.of(args[0])))
                .withEndpoint(EndpointConfig.of("endpoint-1", URI.create(args[1])));
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

package dev.regnotify.faults;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.weld.environment.se.WeldContainer;

import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.StorageBeans;

/**
 * The registry process the seeded fault run kills: pushes blobs through {@code @Listened} beans in Weld SE, over the
 * run's repositories, with a journal and the round's endpoint configuration, and prints {@code <id> <repository>}
 * once each operation has returned.
 * Arguments: the journal directory, the setup ({@link ChaosPlan.Setup#toArg}), the pace in nanoseconds, a seed for
 * the repositories, then one URL per endpoint ({@code endpoint-0}, {@code endpoint-1} ...).
 */
public final class ChaosChild {

    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    /** Remembers the id of the event the current push fired (the bridge has journaled it already). */
    @ApplicationScoped
    public static class LastId {
        void on(@Observes BlobPushed pushed) {
            LAST.set(pushed.id());
        }
    }

    private ChaosChild() {
    }

    /** @return the configuration the child runs with, endpoints named as {@link ChaosNode} names them */
    static RegnotifyConfig config(Path journal, ChaosPlan.Setup setup, String... urls) {
        RegnotifyConfig config = RegnotifyConfig.DEFAULT.withJournal(setup.journal(journal));
        for (int i = 0; i < urls.length; i++) {
            config = config.withEndpoint(setup.endpoint(ChaosNode.name(i), URI.create(urls[i])));
        }
        return config;
    }

    public static void main(String[] args) {
        ChaosPlan.Setup setup = ChaosPlan.Setup.fromArg(args[1]);
        long pace = Long.parseLong(args[2]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[3]));
        ProducedConfig.next = config(Path.of(args[0]), setup, Arrays.copyOfRange(args, 4, args.length));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf("chaos".getBytes(StandardCharsets.UTF_8), 256);
        try (WeldContainer container = Containers.weld(StorageBeans.services())
                .addBeanClasses(StorageBeans.Memory.class, ProducedConfig.class, LastId.class).initialize()) {
            BlobStore blobs = container.select(BlobStore.class).get();
            while (true) {
                String repository = ChaosPlan.REPOSITORIES.get(random.nextInt(ChaosPlan.REPOSITORIES.size()));
                blobs.put(RepositoryName.of(repository), MediaTypes.OCTET_STREAM, content);
                out.println(LAST.get() + " " + repository);
                out.flush();
                LockSupport.parkNanos(pace); // the pace of the registry's traffic, not a wait for a result
            }
        }
    }
}

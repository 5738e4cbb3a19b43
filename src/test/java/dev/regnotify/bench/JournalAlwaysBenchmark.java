package dev.regnotify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.StorageBeans;

/**
 * Registry calls per second from 8 threads when each returns only once its event is on stable storage
 * ({@code fsync: always}): concurrent calls share syncs (group commit).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(8)
public class JournalAlwaysBenchmark {

    private static final RepositoryName REPO = RepositoryName.of("bench/always");

    private WeldContainer container;
    private Receiver receiver;
    private BlobStore blobs;
    private final byte[][] contents = new byte[16][];
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        receiver = Receiver.discarding();
        ProducedConfig.next = RegnotifyConfig.DEFAULT
                .withJournal(new JournalConfig(Files.createTempDirectory("regnotify-bench-always-"),
                        JournalConfig.Fsync.ALWAYS, JournalConfig.DEFAULT_INTERVAL, JournalConfig.DEFAULT_MAX_BYTES,
                        JournalConfig.DEFAULT_SEGMENT_BYTES))
                .withEndpoint(EndpointConfig.of("bench", receiver.url()).withBatch(new BatchConfig(100, 1 << 20)));
        container = Containers.weld(StorageBeans.services())
                .addBeanClasses(StorageBeans.Memory.class, ProducedConfig.class).initialize();
        blobs = container.select(BlobStore.class).get();
        for (int i = 0; i < contents.length; i++) {
            contents[i] = Arrays.copyOf(("always " + i).getBytes(StandardCharsets.UTF_8), 1024);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        container.close();
        receiver.close();
    }

    @Benchmark
    public Descriptor durablePush() {
        return blobs.put(REPO, MediaTypes.OCTET_STREAM, contents[next.getAndIncrement() & 15]);
    }
}

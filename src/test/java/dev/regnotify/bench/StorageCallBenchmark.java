package dev.regnotify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.regnotify.config.BatchConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.JournalConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;
import dev.regnotify.storage.InMemoryStorage;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.StorageBeans;

/**
 * The cost of listening, per storage call on the in-memory storage: {@code bare} calls the storage directly,
 * {@code listened} goes through {@code @Listened} beans with no observer and no endpoint, {@code bridged} adds the
 * bridge and one endpoint (batch 100) delivering to a receiver that answers at once, {@code journaled} the same with
 * the endpoint's events in a durable journal ({@code fsync: interval}). A request context is bound, as in a registry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StorageCallBenchmark {

    private static final RepositoryName REPO = RepositoryName.of("bench/app");
    private static final Tag V1 = Tag.of("v1");
    private static final Tag SCRATCH = Tag.of("scratch");
    private static final EventContext CONTEXT = EventContext.of(new RequestRecord("bench-request", "127.0.0.1:5555",
            "localhost:5000", "GET", "regnotify-bench/0.1"), new ActorRecord("bench"));

    @Param({"bare", "listened", "bridged", "journaled"})
    public String mode;

    private WeldContainer container;
    private Receiver receiver;
    private ManifestService manifests;
    private BlobStore blobs;
    private TagService tags;
    private Manifest manifest;
    private Digest layer;
    private byte[] upload;
    private Descriptor uploadDescriptor;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (mode.equals("bare")) {
            InMemoryStorage storage = new InMemoryStorage();
            manifests = storage.manifests();
            blobs = storage.blobs();
            tags = storage.tags();
        } else {
            RegnotifyConfig config = RegnotifyConfig.DEFAULT;
            if (!mode.equals("listened")) {
                receiver = Receiver.discarding();
                config = config.withEndpoint(EndpointConfig.of("bench", receiver.url())
                        .withBatch(new BatchConfig(100, 1 << 20)));
            }
            if (mode.equals("journaled")) {
                config = config.withJournal(JournalConfig.in(Files.createTempDirectory("regnotify-bench-journal-")));
            }
            ProducedConfig.next = config;
            // no observer of the application's: "listened" measures the interceptor and events alone
            container = Containers.weld(StorageBeans.services())
                    .addBeanClasses(StorageBeans.Memory.class, ProducedConfig.class).initialize();
            manifests = container.select(ManifestService.class).get();
            blobs = container.select(BlobStore.class).get();
            tags = container.select(TagService.class).get();
        }
        byte[] layerBytes = Arrays.copyOf("a layer".getBytes(StandardCharsets.UTF_8), 1024);
        Descriptor config = blobs.put(REPO, MediaTypes.OCI_CONFIG, Images.bytes("{\"os\":\"linux\"}"));
        layer = blobs.put(REPO, MediaTypes.OCI_LAYER_GZIP, layerBytes).digest();
        manifest = Images.ociManifest(config, blobs.stat(REPO, layer));
        manifests.put(REPO, manifest, V1);
        upload = Arrays.copyOf("an upload".getBytes(StandardCharsets.UTF_8), 1024);
        uploadDescriptor = new Descriptor(MediaTypes.OCI_LAYER_GZIP, upload.length, Digest.of(upload));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (container != null) {
            container.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Benchmark
    public Manifest manifestGet() {
        return CONTEXT.supply(() -> manifests.get(REPO, manifest.digest()));
    }

    @Benchmark
    public Digest manifestPutWithTag() {
        return CONTEXT.supply(() -> manifests.put(REPO, manifest, V1));
    }

    @Benchmark
    public byte[] blobGet() {
        return CONTEXT.supply(() -> blobs.get(REPO, layer));
    }

    /** create, one 1 KiB write, commit: the upload's commit fires. */
    @Benchmark
    public Descriptor blobUploadCommit() {
        return CONTEXT.supply(() -> {
            try (BlobWriter writer = blobs.create(REPO)) {
                writer.write(upload);
                return writer.commit(uploadDescriptor);
            }
        });
    }

    /** tag (fires nothing) then untag (fires TagDeleted): untag cannot be repeated without it. */
    @Benchmark
    public void tagThenUntag() {
        CONTEXT.run(() -> {
            tags.tag(REPO, SCRATCH, manifest.digest());
            tags.untag(REPO, SCRATCH);
        });
    }

}

package dev.regnotify.bench;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/**
 * Encoding an envelope of 100 events in distribution's format, what an endpoint with {@code batch.maxevents} 100 does
 * for every envelope: each event encoded, then the envelope joined. The events are manifests pushed with a tag, with
 * request, actor and source, as the demo's bench pushes. The score is per envelope.
 * {@code mvn -Pbench test-compile exec:exec -Djmh.args="EnvelopeEncodeBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeEncodeBenchmark {

    private final DistributionFormat format = new DistributionFormat(EndpointConfig.of("bench",
            URI.create("http://127.0.0.1:9/")).format(), new NotificationFactory(null, false));
    private final List<RegistryEvent> events = new ArrayList<>();

    public EnvelopeEncodeBenchmark() {
        for (int i = 0; i < 100; i++) {
            events.add(new ManifestPushed(new EventMetadata(String.format("6a5e7c1e-2f0b-4e59-9d55-%012d", i),
                    Instant.parse("2026-12-03T12:00:00.123456789Z"), new RequestRecord("req-7f3a", "10.0.0.7:51234",
                            "registry.example.com", "PUT", "containerd/1.7.2"), new ActorRecord("ci-bot"),
                    new SourceRecord("10.0.0.2:5000", "registry-1")), RepositoryName.of("team/app-" + i % 8),
                    new Descriptor("application/vnd.oci.image.manifest.v1+json", 1234,
                            Digest.parse("sha256:" + "ab12".repeat(16))), Tag.of("v1.2." + i), List.of()));
        }
    }

    @Benchmark
    public byte[] envelopeOf100() {
        List<byte[]> encoded = new ArrayList<>(events.size());
        for (RegistryEvent event : events) {
            encoded.add(format.encode(event));
        }
        return format.envelope(encoded);
    }
}

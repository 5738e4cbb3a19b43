package dev.regnotify.bench;

import java.time.Instant;
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

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.records.EventRecords;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * Reading one journal or broker record back into its event: what a delivering instance does for every event it takes
 * from the broker, and a cursor for every record it reads. The record is a manifest pushed with a tag, with request,
 * actor and source, as the demo's bench pushes.
 * {@code mvn -Pbench test-compile exec:exec -Djmh.args="RecordDecodeBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordDecodeBenchmark {

    /** The event the record benchmarks read and write. */
    static final RegistryEvent EVENT = new ManifestPushed(new EventMetadata(
            "6a5e7c1e-2f0b-4e59-9d55-0d7c2a1f4b3e", Instant.parse("2026-12-03T12:00:00.123456789Z"),
            new RequestRecord("req-7f3a", "10.0.0.7:51234", "registry.example.com", "PUT", "containerd/1.7.2"),
            new ActorRecord("ci-bot"), new SourceRecord("10.0.0.2:5000", "registry-1")),
            RepositoryName.of("team/app/web"), new Descriptor("application/vnd.oci.image.manifest.v1+json", 1234,
                    Digest.parse("sha256:" + "ab12".repeat(16))), Tag.of("v1.2.3"), List.of());

    private final byte[] record = EventRecords.encode(EVENT);

    @Benchmark
    public RegistryEvent decode() {
        return EventRecords.decode(record);
    }
}

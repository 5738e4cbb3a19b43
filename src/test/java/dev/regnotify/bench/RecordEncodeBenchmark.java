package dev.regnotify.bench;

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

import dev.regnotify.records.EventRecords;

/**
 * Writing one event as its journal or broker record: what a producing instance does for every event it forwards, and
 * the journal for every event it appends. The event is {@link RecordDecodeBenchmark}'s.
 * {@code mvn -Pbench test-compile exec:exec -Djmh.args="RecordEncodeBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordEncodeBenchmark {

    @Benchmark
    public byte[] encode() {
        return EventRecords.encode(RecordDecodeBenchmark.EVENT);
    }
}

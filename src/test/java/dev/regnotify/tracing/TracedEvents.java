package dev.regnotify.tracing;

import java.time.Instant;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TraceContext;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Notifications;

/** Events with a trace context of their own, numbered as {@link Notifications} numbers them. */
final class TracedEvents {

    static final String TRACESTATE = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE";

    private TracedEvents() {
    }

    /** @return a trace context whose ids are made from n: a different trace for each n */
    static TraceContext trace(int n) {
        return TraceContext.of(String.format("4bf92f3577b34da6a3ce929d%08x", n + 1),
                String.format("00f067aa%08x", n + 1), true, n % 2 == 0 ? TRACESTATE : "");
    }

    /** @return blob push number n, carrying that trace context */
    static RegistryEvent traced(int n, TraceContext trace) {
        EventMetadata meta = new EventMetadata(Notifications.id(n), Instant.now(),
                new RequestRecord("req", "", "", "PUT", "test"), ActorRecord.ANONYMOUS, new SourceRecord("src", "i"),
                trace);
        return new BlobPushed(meta, RepositoryName.of("team/app"),
                new Descriptor("application/octet-stream", 10, Digest.parse("sha256:" + "0".repeat(64))));
    }
}

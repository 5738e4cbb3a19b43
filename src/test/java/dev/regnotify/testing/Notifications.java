package dev.regnotify.testing;

import java.time.Instant;
import java.util.List;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.wire.Notification;
import dev.regnotify.wire.Target;

/** Notifications for delivery tests, numbered so that order can be checked. */
public final class Notifications {

    private Notifications() {
    }

    public static Notification numbered(int n) {
        return of(n, "push", "application/vnd.oci.image.layer.v1.tar+gzip");
    }

    public static Notification of(int n, String action, String mediaType) {
        return new Notification(id(n), Instant.now(), action,
                new Target(mediaType, 10, "sha256:" + "0".repeat(64), 10, "test/repo", null, null, null, List.of()),
                new RequestRecord("req", "", "", "PUT", "test"), ActorRecord.ANONYMOUS, new SourceRecord("src", "i"));
    }

    public static String id(int n) {
        return String.format("event-%06d", n);
    }

    public static List<String> ids(int from, int toExclusive) {
        return java.util.stream.IntStream.range(from, toExclusive).mapToObj(Notifications::id).toList();
    }
}

package dev.regnotify.testing;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobDeleted;
import dev.regnotify.events.BlobMounted;
import dev.regnotify.events.BlobPulled;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/** Registry events for delivery tests, numbered so that order can be checked by id. */
public final class Notifications {

    private static final RepositoryName REPOSITORY = RepositoryName.of("test/repo");
    private static final Digest DIGEST = Digest.parse("sha256:" + "0".repeat(64));

    private Notifications() {
    }

    public static RegistryEvent numbered(int n) {
        return of(n, "push", "application/vnd.oci.image.layer.v1.tar+gzip");
    }

    /** @return event number n with this action (push, pull, mount, delete) and target media type */
    public static RegistryEvent of(int n, String action, String mediaType) {
        EventMetadata meta = new EventMetadata(id(n), Instant.now(), new RequestRecord("req", "", "", "PUT", "test"),
                ActorRecord.ANONYMOUS, new SourceRecord("src", "i"));
        Descriptor descriptor = new Descriptor(mediaType.isEmpty() ? "application/octet-stream" : mediaType, 10,
                DIGEST);
        return switch (action) {
            case "push" -> new BlobPushed(meta, REPOSITORY, descriptor);
            case "pull" -> new BlobPulled(meta, REPOSITORY, descriptor);
            case "mount" -> new BlobMounted(meta, REPOSITORY, descriptor, RepositoryName.of("other/repo"));
            case "delete" -> new BlobDeleted(meta, REPOSITORY, DIGEST);
            default -> throw new IllegalArgumentException(action);
        };
    }

    /** @return event number n, a blob push to the repository */
    public static RegistryEvent pushedTo(int n, RepositoryName repository) {
        EventMetadata meta = new EventMetadata(id(n), Instant.now(), new RequestRecord("req", "", "", "PUT", "test"),
                ActorRecord.ANONYMOUS, new SourceRecord("src", "i"));
        return new BlobPushed(meta, repository, new Descriptor("application/octet-stream", 10, DIGEST));
    }

    public static String id(int n) {
        return String.format("event-%06d", n);
    }

    public static List<String> ids(int from, int toExclusive) {
        return IntStream.range(from, toExclusive).mapToObj(Notifications::id).toList();
    }
}

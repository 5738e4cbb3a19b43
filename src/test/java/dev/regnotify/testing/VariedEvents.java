package dev.regnotify.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.BlobDeleted;
import dev.regnotify.events.BlobMounted;
import dev.regnotify.events.BlobPulled;
import dev.regnotify.events.BlobPushed;
import dev.regnotify.events.EventMetadata;
import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.events.RepositoryDeleted;
import dev.regnotify.events.RequestRecord;
import dev.regnotify.events.SourceRecord;
import dev.regnotify.events.TagDeleted;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;

/**
 * Seeded random events of all nine types, over a few repositories, tags and media types, and seeded random filters
 * over the same: for tests that compare two ways of choosing events on every combination the filters know.
 */
public final class VariedEvents {

    private static final Digest DIGEST = Digest.parse("sha256:" + "2".repeat(64));
    private static final List<String> REPOSITORIES = List.of("team/app", "team/app/web", "team/db", "other/app",
            "library/alpine", "a");
    private static final List<String> TAGS = List.of("v1", "v1.2", "latest", "dev", "v2-rc");
    private static final List<String> MEDIA_TYPES = List.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/octet-stream");
    private static final List<String> REPOSITORY_GLOBS = List.of("team/*", "team/**", "team/app", "other/*", "*",
            "**", "library/alpine", "nobody/*", "a");
    private static final List<String> TAG_GLOBS = List.of("v*", "latest", "v1.*", "nothing");

    private final Random random;

    /** @param seed the same seed gives the same events and filters */
    public VariedEvents(long seed) {
        this.random = new Random(seed);
    }

    /** @return event number n ({@link Notifications#id}), of a random type, repository, tag and media type */
    public RegistryEvent event(int n) {
        EventMetadata meta = new EventMetadata(Notifications.id(n), Instant.now(),
                new RequestRecord("req", "", "", "PUT", "test"), ActorRecord.ANONYMOUS, new SourceRecord("src", "i"));
        RepositoryName repository = RepositoryName.of(pick(REPOSITORIES));
        Descriptor descriptor = new Descriptor(pick(MEDIA_TYPES), 10, DIGEST);
        Tag tag = random.nextBoolean() ? Tag.of(pick(TAGS)) : null;
        return switch (random.nextInt(9)) {
            case 0 -> new ManifestPushed(meta, repository, descriptor, tag, List.of());
            case 1 -> new ManifestPulled(meta, repository, descriptor, tag, List.of());
            case 2 -> new ManifestDeleted(meta, repository, DIGEST);
            case 3 -> new BlobPushed(meta, repository, descriptor);
            case 4 -> new BlobPulled(meta, repository, descriptor);
            case 5 -> new BlobMounted(meta, repository, descriptor, RepositoryName.of("other/source"));
            case 6 -> new BlobDeleted(meta, repository, DIGEST);
            case 7 -> new TagDeleted(meta, repository, Tag.of(pick(TAGS)));
            default -> new RepositoryDeleted(meta, repository);
        };
    }

    /** @return a random filter: each criterion empty or a few of its values, globs included */
    public FilterConfig filter() {
        List<Glob> repositories = new ArrayList<>();
        for (String glob : some(REPOSITORY_GLOBS)) {
            repositories.add(Glob.repository(glob));
        }
        List<Glob> tags = new ArrayList<>();
        for (String glob : some(TAG_GLOBS)) {
            tags.add(Glob.tag(glob));
        }
        return new FilterConfig(repositories, tags, some(IgnoreConfig.ACTIONS), some(MEDIA_TYPES),
                some(FilterConfig.KINDS));
    }

    /** @return a random ignore: usually nothing, else a few actions or media types */
    public IgnoreConfig ignore() {
        return random.nextInt(3) == 0 ? new IgnoreConfig(some(MEDIA_TYPES), some(IgnoreConfig.ACTIONS))
                : IgnoreConfig.NONE;
    }

    /** Empty half of the time, else one to three values. */
    private Set<String> some(List<String> values) {
        Set<String> chosen = new HashSet<>();
        if (random.nextBoolean()) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                chosen.add(pick(values));
            }
        }
        return chosen;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}

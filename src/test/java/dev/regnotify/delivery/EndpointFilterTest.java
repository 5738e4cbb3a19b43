package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.FilterConfig;
import dev.regnotify.config.Glob;
import dev.regnotify.config.IgnoreConfig;
import dev.regnotify.events.ActorRecord;
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
import dev.regnotify.testing.VariedEvents;

class EndpointFilterTest {

    private static final Digest DIGEST = Digest.parse("sha256:" + "1".repeat(64));
    private static final String IMAGE = "application/vnd.oci.image.manifest.v1+json";
    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    @Test
    void anEmptyFilterAcceptsEverythingNotIgnored() {
        EndpointFilter filter = new EndpointFilter(IgnoreConfig.NONE, FilterConfig.ALL);
        assertTrue(filter.accepts(pushed("team/app", "v1")));
        assertTrue(filter.accepts(repositoryDeleted("a")));
    }

    @Test
    void repositoriesMatchByGlob() {
        EndpointFilter team = filter(new FilterConfig(List.of(Glob.repository("team/*")), List.of(), Set.of(),
                Set.of(), Set.of()));
        assertTrue(team.accepts(pushed("team/app", "v1")));
        assertFalse(team.accepts(pushed("team/app/web", "v1")));
        assertFalse(team.accepts(pushed("other/app", "v1")));
        assertTrue(team.accepts(repositoryDeleted("team/app")));
    }

    @Test
    void tagsMatchByGlobAndAnEventWithoutATagDoesNotMatch() {
        EndpointFilter releases = filter(new FilterConfig(List.of(), List.of(Glob.tag("v*")), Set.of(), Set.of(),
                Set.of()));
        assertTrue(releases.accepts(pushed("team/app", "v1.0")));
        assertFalse(releases.accepts(pushed("team/app", "latest")));
        assertFalse(releases.accepts(pushed("team/app", null)), "pushed by digest: no tag");
        assertTrue(releases.accepts(pulled("team/app", "v2")));
        assertTrue(releases.accepts(new TagDeleted(meta(), RepositoryName.of("team/app"), Tag.of("v3"))));
        assertFalse(releases.accepts(blobPushed("team/app")));
        assertFalse(releases.accepts(repositoryDeleted("team/app")));
    }

    @Test
    void kindsActionsAndMediaTypesMatchExactly() {
        EndpointFilter manifests = filter(new FilterConfig(List.of(), List.of(), Set.of(), Set.of(),
                Set.of("manifest")));
        assertTrue(manifests.accepts(pushed("a", "v1")));
        assertTrue(manifests.accepts(new ManifestDeleted(meta(), RepositoryName.of("a"), DIGEST)));
        assertFalse(manifests.accepts(blobPushed("a")));
        assertFalse(manifests.accepts(new TagDeleted(meta(), RepositoryName.of("a"), Tag.of("v1"))));

        EndpointFilter tagsAndRepositories = filter(new FilterConfig(List.of(), List.of(), Set.of(), Set.of(),
                Set.of("tag", "repository")));
        assertTrue(tagsAndRepositories.accepts(new TagDeleted(meta(), RepositoryName.of("a"), Tag.of("v1"))));
        assertTrue(tagsAndRepositories.accepts(repositoryDeleted("a")));
        assertFalse(tagsAndRepositories.accepts(pushed("a", "v1")));

        EndpointFilter pushes = filter(new FilterConfig(List.of(), List.of(), Set.of("push"), Set.of(), Set.of()));
        assertTrue(pushes.accepts(blobPushed("a")));
        assertFalse(pushes.accepts(pulled("a", "v1")));

        EndpointFilter images = filter(new FilterConfig(List.of(), List.of(), Set.of(), Set.of(IMAGE), Set.of()));
        assertTrue(images.accepts(pushed("a", "v1")));
        assertFalse(images.accepts(blobPushed("a")));
        assertFalse(images.accepts(new ManifestDeleted(meta(), RepositoryName.of("a"), DIGEST)),
                "a delete has no target media type");
    }

    @Test
    void everyGivenCriterionMustMatchAndIgnoreStillDrops() {
        FilterConfig teamReleasePushes = new FilterConfig(List.of(Glob.repository("team/**")),
                List.of(Glob.tag("v*")), Set.of("push"), Set.of(), Set.of("manifest"));
        EndpointFilter filter = filter(teamReleasePushes);
        assertTrue(filter.accepts(pushed("team/a/b", "v1")));
        assertFalse(filter.accepts(pushed("other/a", "v1")));
        assertFalse(filter.accepts(pulled("team/a", "v1")));
        assertFalse(filter.accepts(pushed("team/a", "dev")));

        EndpointFilter ignoringImages = new EndpointFilter(new IgnoreConfig(Set.of(IMAGE), Set.of()),
                teamReleasePushes);
        assertFalse(ignoringImages.accepts(pushed("team/a/b", "v1")), "ignore drops what the filter keeps");
    }

    /**
     * What a journal's index relies on: a filter's {@code mayAccept} is true for every event it accepts, and the same
     * for events alike in repository, type and target media type, whatever their tags.
     */
    @Test
    void mayAcceptHoldsForEveryAcceptedEventAndAnswersAlikeForEventsAlike() {
        VariedEvents varied = new VariedEvents(42);
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(varied.event(i));
        }
        for (int f = 0; f < 200; f++) {
            EndpointFilter filter = new EndpointFilter(varied.ignore(), varied.filter());
            Map<List<Object>, Boolean> byLikeness = new HashMap<>();
            for (RegistryEvent event : events) {
                boolean may = filter.mayAccept(event);
                assertTrue(may || !filter.accepts(event), filter + " accepts " + event + " but says it may not");
                List<Object> likeness = List.of(event.repository(), event.getClass(),
                        event.target().map(Descriptor::mediaType).orElse(""));
                Boolean before = byLikeness.putIfAbsent(likeness, may);
                assertTrue(before == null || before == may, filter + " answers unalike for " + likeness);
            }
        }
    }

    private static EndpointFilter filter(FilterConfig config) {
        return new EndpointFilter(IgnoreConfig.NONE, config);
    }

    private static RegistryEvent pushed(String repository, String tag) {
        return new ManifestPushed(meta(), RepositoryName.of(repository), new Descriptor(IMAGE, 10, DIGEST),
                tag == null ? null : Tag.of(tag), List.of());
    }

    private static RegistryEvent pulled(String repository, String tag) {
        return new ManifestPulled(meta(), RepositoryName.of(repository), new Descriptor(IMAGE, 10, DIGEST),
                Tag.of(tag), List.of());
    }

    private static RegistryEvent blobPushed(String repository) {
        return new BlobPushed(meta(), RepositoryName.of(repository), new Descriptor(LAYER, 10, DIGEST));
    }

    private static RegistryEvent repositoryDeleted(String repository) {
        return new RepositoryDeleted(meta(), RepositoryName.of(repository));
    }

    private static EventMetadata meta() {
        return new EventMetadata("id", Instant.now(), new RequestRecord("req", "", "", "GET", "test"),
                ActorRecord.ANONYMOUS, new SourceRecord("src", "i"));
    }
}

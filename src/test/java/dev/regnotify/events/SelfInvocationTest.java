package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.storage.DelegatingTagService;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Recorder;
import dev.regnotify.testing.StorageBeans;

/**
 * What docs/events.md says of self-invocation in Weld: a storage bean's call through {@code this} is not intercepted
 * and fires nothing, whether the calling method is intercepted itself (binding on the class) or not (binding on single
 * methods). Only calls through the bean's reference fire.
 */
@EnableWeld
class SelfInvocationTest {

    /** A tag service, listened as a whole, with a helper of its own that untags through {@code this}. */
    @ApplicationScoped
    @Listened
    static class Tags extends DelegatingTagService {

        void untagAll(RepositoryName repository) {
            for (Tag tag : list(repository)) {
                untag(repository, tag);
            }
        }
    }

    /** A blob store listened on one method only; its unlistened helper deletes through {@code this}. */
    @ApplicationScoped
    static class Blobs extends dev.regnotify.storage.DelegatingBlobStore {

        @Listened
        @Override
        public void delete(RepositoryName repository, dev.regnotify.registry.Digest digest) {
            super.delete(repository, digest);
        }

        void deleteAll(RepositoryName repository, List<dev.regnotify.registry.Digest> digests) {
            digests.forEach(digest -> delete(repository, digest));
        }
    }

    @WeldSetup
    WeldInitiator weld = Containers.with(dev.regnotify.config.RegnotifyConfig.DEFAULT, StorageBeans.Manifests.class,
            Blobs.class, StorageBeans.Repositories.class, StorageBeans.Memory.class, Tags.class,
            Recorder.class);

    @Inject
    ManifestService manifests;
    @Inject
    Blobs blobs;
    @Inject
    Tags tags;
    @Inject
    Recorder recorder;

    @Test
    void callThroughThisFromAnInterceptedMethodFiresNothing() {
        RepositoryName repo = RepositoryName.of("self/app");
        Manifest manifest = Images.ociManifest(blobs.put(repo, MediaTypes.OCI_CONFIG, Images.bytes("{}")));
        manifests.put(repo, manifest, Tag.of("a"));
        tags.tag(repo, Tag.of("b"), manifest.digest());
        recorder.clear();

        tags.untagAll(repo);

        assertEquals(List.of(), tags.list(repo), "the helper did untag");
        assertEquals(List.of(), recorder.events());
    }

    @Test
    void callThroughThisFromAnUninterceptedMethodFiresNothingEither() {
        RepositoryName repo = RepositoryName.of("self/blobs");
        var first = blobs.put(repo, MediaTypes.OCTET_STREAM, Images.bytes("1"));
        var second = blobs.put(repo, MediaTypes.OCTET_STREAM, Images.bytes("2"));
        recorder.clear();

        blobs.deleteAll(repo, List.of(first.digest(), second.digest()));
        assertEquals(List.of(), recorder.events());

        blobs.put(repo, MediaTypes.OCTET_STREAM, Images.bytes("1"));
        recorder.clear();
        blobs.delete(repo, first.digest());
        assertEquals(List.of(first.digest()), recorder.events(BlobDeleted.class).stream().map(BlobDeleted::digest)
                .toList(), "through the reference, the same method fires");
    }
}

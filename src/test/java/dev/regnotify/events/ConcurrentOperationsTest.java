package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RegistryException;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.Recorder;

/** 8 threads, 10,000 mixed operations, some failing by design: exactly one event per success, all ids unique. */
@EnableWeld
class ConcurrentOperationsTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 10_000;
    private static final RepositoryName[] REPOS = {RepositoryName.of("c/one"), RepositoryName.of("c/two")};
    private static final byte[][] CONTENTS = new byte[16][];

    static {
        for (int i = 0; i < CONTENTS.length; i++) {
            CONTENTS[i] = Images.bytes("content " + i);
        }
    }

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage();

    @Inject
    BlobStore blobs;
    @Inject
    Recorder recorder;

    @Test
    void oneEventPerSuccessfulOperation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(() -> {
                int successes = 0;
                for (int i = 0; i < OPERATIONS / THREADS; i++) {
                    if (operate()) {
                        successes++;
                    }
                }
                return successes;
            }));
        }
        int successes = 0;
        for (Future<Integer> result : results) {
            successes += result.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(successes, recorder.events().size());
        assertEquals(successes, recorder.events().stream().map(RegistryEvent::id).distinct().count());
    }

    /** @return whether the operation succeeded and fires an event */
    private boolean operate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        RepositoryName repo = REPOS[random.nextInt(REPOS.length)];
        RepositoryName other = REPOS[(random.nextInt(REPOS.length) + 1) % REPOS.length];
        byte[] content = CONTENTS[random.nextInt(CONTENTS.length)];
        Digest digest = Digest.of(content);
        int operation = random.nextInt(5);
        try {
            switch (operation) {
                case 0 -> blobs.put(repo, MediaTypes.OCTET_STREAM, content);
                case 1 -> blobs.get(repo, digest);
                case 2 -> blobs.delete(repo, digest);
                case 3 -> blobs.mount(repo, other, digest);
                default -> blobs.stat(repo, digest);
            }
            return operation != 4; // stat fires nothing
        } catch (RegistryException expected) {
            return false;
        }
    }
}

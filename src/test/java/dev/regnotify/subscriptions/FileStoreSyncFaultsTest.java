package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.Receiver;

/**
 * The file store's directory sync fails after the new file was moved into place: the change is refused, so a
 * restart (the file opened again) must not find it. Fault table:
 *
 * <ul>
 *   <li>the sync fails once: refused; the file holds the subscriptions as they were;
 *   <li>the sync of the restore fails too: refused, both failures told; the file still holds them as they were;
 *   <li>after a refused change, the next change keeps what it changes and nothing of the refused one.
 * </ul>
 */
class FileStoreSyncFaultsTest {

    private static final String SECRET = "whsec_" + "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";

    @TempDir
    Path dir;

    private final FailingSyncs syncs = new FailingSyncs();
    private SubscriptionFixture fixture;
    private Receiver hooks;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (hooks != null) {
            hooks.close();
        }
    }

    /** The platform's directory sync, failing the next {@code failing} calls with an {@link IOException}. */
    private static final class FailingSyncs implements FileSubscriptionStore.DirectorySync {
        final AtomicInteger failing = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        @Override
        public void sync(Path directory) throws IOException {
            if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failed.incrementAndGet();
                throw new IOException("injected: fsync " + directory + ": Input/output error");
            }
            FileSubscriptionStore.DirectorySync.SYSTEM.sync(directory);
        }
    }

    private Path file() {
        return dir.resolve("subscriptions.json");
    }

    private FileSubscriptionStore faulty() {
        return new FileSubscriptionStore(file(), syncs);
    }

    private List<String> namesAfterRestart() {
        return new FileSubscriptionStore(file()).load().stream().map(Subscription::name).toList();
    }

    @Test
    void aCreationRefusedForAFailedDirectorySyncIsNotFoundAfterARestart() {
        hooks = Receiver.start();
        fixture = SubscriptionFixture.inMemory(faulty());
        fixture.subscriptions.create(SubscriptionFixture.json("kept", "team-a", hooks.url(), ""));
        syncs.failing.set(1);

        SubscriptionException refused = assertThrows(SubscriptionException.class, () -> fixture.subscriptions
                .create(SubscriptionFixture.json("refused", "team-a", hooks.url(), "\"secret\":\"" + SECRET + "\"")));

        assertEquals(SubscriptionException.Kind.UNAVAILABLE, refused.kind());
        assertEquals(1, syncs.failed.get(), "the fault was injected");
        assertFalse(String.valueOf(refused.getMessage()).contains(SECRET), "no secret in the refusal");
        assertEquals(List.of("kept"), fixture.subscriptions.list(null).stream().map(Subscription::name).toList());
        assertEquals(List.of("kept"), namesAfterRestart(), "a creation refused is not there after a restart");
    }

    @Test
    void aReplacementRefusedForAFailedDirectorySyncLeavesThePreviousVersion() {
        FileSubscriptionStore store = faulty();
        store.put(Subscription.fromJson(SubscriptionChild.document("sub-1")));
        Subscription changed = Subscription.fromJson(SubscriptionChild.document("sub-1").replace("team-a", "team-b"));
        syncs.failing.set(1);

        assertThrows(SubscriptionStoreException.class, () -> store.put(changed));

        List<Subscription> kept = new FileSubscriptionStore(file()).load();
        assertEquals(1, kept.size());
        assertEquals("team-a", kept.get(0).owner(), "the refused replacement is not there after a restart");
        assertEquals("team-a", store.load().get(0).owner());
    }

    @Test
    void aRemovalRefusedForAFailedDirectorySyncLeavesTheSubscription() {
        FileSubscriptionStore store = faulty();
        store.put(Subscription.fromJson(SubscriptionChild.document("sub-1")));
        syncs.failing.set(1);

        assertThrows(SubscriptionStoreException.class, () -> store.remove("sub-1"));

        assertEquals(List.of("sub-1"), namesAfterRestart(), "a refused removal is not applied after a restart");
    }

    @Test
    void aRestoreWhoseSyncFailsTooStillLeavesThePreviousSubscriptionsAndSaysSo() throws IOException {
        FileSubscriptionStore store = faulty();
        store.put(Subscription.fromJson(SubscriptionChild.document("sub-1")));
        syncs.failing.set(2);

        SubscriptionStoreException refused = assertThrows(SubscriptionStoreException.class,
                () -> store.put(Subscription.fromJson(SubscriptionChild.document("sub-2"))));

        assertEquals(2, syncs.failed.get(), "the change's sync and the restore's failed");
        assertEquals(1, refused.getCause().getSuppressed().length, "the restore's failure is told with the first");
        assertTrue(refused.getMessage().contains("could not be made durable"), refused.getMessage());
        assertFalse(refused.getMessage().contains("whsec_"), "no secret in the refusal");
        assertEquals(List.of("sub-1"), namesAfterRestart());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file()), left.toList(), "no temporary file is left");
        }
    }

    @Test
    void theChangeAfterARefusedOneKeepsNothingOfIt() {
        FileSubscriptionStore store = faulty();
        syncs.failing.set(1);
        assertThrows(SubscriptionStoreException.class,
                () -> store.put(Subscription.fromJson(SubscriptionChild.document("refused"))));

        store.put(Subscription.fromJson(SubscriptionChild.document("kept")));

        assertEquals(List.of("kept"), namesAfterRestart());
    }
}

package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;

/**
 * A deletion is kept in the store first, then the endpoint's journal files are forgotten: a process killed between
 * the two leaves the deleted subscription's position and dead letters in the journal's directory. A new subscription
 * of the same name, perhaps another owner's, must still start afresh: none of the events produced before it, none
 * of the dead letters of the one deleted.
 */
class SubscriptionDeleteCrashTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Receiver down = Receiver.start().answering(n -> Answer.status(500));
    private final Receiver hooks = Receiver.start();
    private final Receiver lettered = Receiver.start();
    private SubscriptionFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        down.close();
        hooks.close();
        lettered.close();
    }

    private SubscriptionFixture start() {
        return SubscriptionFixture.journaled(dir.resolve("journal"), store());
    }

    private FileSubscriptionStore store() {
        return new FileSubscriptionStore(dir.resolve("journal/subscriptions.json"));
    }

    @Test
    void aNameDeletedByAProcessKilledBeforeTheJournalForgotItStartsAfreshWhenCreatedAgain() {
        fixture = start();
        fixture.subscriptions.create(SubscriptionFixture.json("pending", "team-a", down.url(), ""));
        fixture.subscriptions.create(SubscriptionFixture.json("lettered", "team-a", down.url(),
                "\"retry\":{\"initialdelay\":\"5ms\",\"maxdelay\":\"10ms\",\"maxattempts\":1}"));
        fixture.write(Notifications.numbered(1));
        Path letters = dir.resolve("journal/deadletters").resolve(hex("lettered"));
        Polling.await("a dead letter of team-a's subscription", WAIT, () -> hasFiles(letters));
        fixture.close();
        fixture = null;
        // what the kill left: the store's deletions made, the journal's not yet
        FileSubscriptionStore store = store();
        store.remove("pending");
        store.remove("lettered");

        fixture = start();
        fixture.subscriptions.create(SubscriptionFixture.json("pending", "team-b", hooks.url(), ""));
        fixture.subscriptions.create(SubscriptionFixture.json("lettered", "team-b", lettered.url(), ""));
        fixture.write(Notifications.numbered(2));
        hooks.awaitAccepted(1, WAIT);
        lettered.awaitAccepted(1, WAIT);
        assertEquals(List.of(Notifications.id(2)), hooks.acceptedIds(), "a new subscription gets nothing produced "
                + "before it");
        assertEquals(List.of(Notifications.id(2)), lettered.acceptedIds());
        assertFalse(hasFiles(letters), "a new subscription has none of the dead letters of the one deleted");
    }

    private static String hex(String name) {
        return HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean hasFiles(Path dir) {
        try (var listed = Files.list(dir)) {
            return listed.findAny().isPresent();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

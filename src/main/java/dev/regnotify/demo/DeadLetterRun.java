package dev.regnotify.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.journal.Journal;
import dev.regnotify.storage.InMemoryStorage;

/**
 * {@code --dead-letters}: lists the dead letters a journal keeps, one line each; and {@code --replay ENDPOINT}:
 * replays an endpoint's dead letters and exits once they are delivered, or when the timeout passes.
 */
final class DeadLetterRun {

    private DeadLetterRun() {
    }

    /**
     * Prints {@code endpoint=<name> id=<n> events=<n> attempts=<n> first=<time> last=<time> ids=<first>..<last>
     * error=<last error>} per letter, oldest first per endpoint, and a count on stderr.
     *
     * @return 0
     */
    static int list(Path journal, PrintStream out, PrintStream err) {
        List<DeadLetter> letters = Journal.readDeadLetters(journal);
        for (DeadLetter letter : letters) {
            out.println(letter.summary());
        }
        out.flush();
        err.println("regnotify demo: " + letters.size() + " dead letters in " + journal);
        return 0;
    }

    /**
     * Starts the endpoints on the journal (delivering what it holds too), replays the endpoint's dead letters, and
     * waits until none is left being replayed.
     *
     * @return 0 when every letter was delivered, 1 when some are left (dead again, or the timeout passed), 2 when
     *         no endpoint has that name
     */
    static int replay(RegnotifyConfig config, String endpoint, Duration timeout, PrintStream err) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DemoContainer container = new DemoContainer(new InMemoryStorage(), config)) {
            DeadLetters deadLetters = container.get(DeadLetters.class);
            int asked;
            try {
                asked = deadLetters.replay(endpoint);
            } catch (IllegalArgumentException e) {
                err.println("regnotify demo: --replay: " + e.getMessage());
                return 2;
            }
            err.println("regnotify demo: replaying " + asked + " dead letters of endpoint " + endpoint);
            while (deadLetters.replaying(endpoint) > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000);
            }
            int left = deadLetters.count(endpoint);
            err.println("regnotify demo: " + (asked - Math.min(asked, left)) + " replayed, " + left
                    + " dead letters left for endpoint " + endpoint);
            return left == 0 ? 0 : 1;
        }
    }
}

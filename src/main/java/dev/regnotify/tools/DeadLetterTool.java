package dev.regnotify.tools;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import dev.regnotify.assembly.DeliveryAssembly;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.Durations;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.DeadLetters;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.journal.Journal;

/**
 * Lists and replays the dead letters of a journal's directory, from the library's jar:
 *
 * <pre>
 * java -cp regnotify.jar dev.regnotify.tools.DeadLetterTool list &lt;journal-directory&gt;
 * java -cp &lt;regnotify.jar and its dependencies&gt; dev.regnotify.tools.DeadLetterTool \
 *     replay &lt;config-file&gt; &lt;endpoint&gt; [&lt;timeout&gt;]
 * </pre>
 *
 * <p>{@code list} reads the letters without opening the journal, so it works beside the process that owns it, and
 * needs nothing but the jar. {@code replay} is for a journal no process has open (the registry is stopped): it starts
 * the configured endpoints on it, as the registry would (they deliver what the journal holds too: every endpoint's
 * position must be open before one delivers, or the journal could delete what another still needs), replays the
 * endpoint's letters, and exits once none is left being replayed, or at the timeout (default 60s). While the registry
 * runs, its journal is locked and {@code replay} says so: replay there, over JMX or the console, whose endpoint owns
 * the letters. Exit codes: 0 done (every letter replayed), 1 letters left (dead again, or the timeout passed), 2 a
 * usage error, an unknown endpoint, or a journal another process holds.
 *
 * @since 0.3
 */
public final class DeadLetterTool {

    private static final String USAGE = "usage: DeadLetterTool list <journal-directory>\n"
            + "       DeadLetterTool replay <config-file> <endpoint> [<timeout, such as 2m>]";

    private DeadLetterTool() {
    }

    /**
     * Runs a command and exits with its code.
     *
     * @param args {@code list DIR}, or {@code replay CONFIG ENDPOINT [TIMEOUT]}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param args {@code list DIR}, or {@code replay CONFIG ENDPOINT [TIMEOUT]}
     * @param out where listed letters go, one line each
     * @param err where what happened goes
     * @return the exit code: 0 done, 1 letters left, 2 a usage error, an unknown endpoint or a held journal
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("list")) {
                return list(Path.of(args[1]), out, err);
            }
            if ((args.length == 3 || args.length == 4) && args[0].equals("replay")) {
                Duration timeout = args.length == 4 ? Durations.parse(args[3]) : Duration.ofSeconds(60);
                return replay(RegnotifyConfig.read(Path.of(args[1])), args[2], timeout, err);
            }
            err.println(USAGE);
            return 2;
        } catch (ConfigException | IllegalArgumentException | UncheckedIOException e) {
            err.println("regnotify: " + e.getMessage());
            return 2;
        }
    }

    /** Prints each letter's summary, oldest first per endpoint, and a count. */
    private static int list(Path journal, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(journal)) {
            err.println("regnotify: " + journal + " is not a directory (expected a journal's directory)");
            return 2;
        }
        List<DeadLetter> letters = Journal.readDeadLetters(journal);
        for (DeadLetter letter : letters) {
            out.println(letter.summary());
        }
        out.flush();
        err.println("regnotify: " + letters.size() + " dead letters in " + journal);
        return 0;
    }

    private static int replay(RegnotifyConfig config, String endpoint, Duration timeout, PrintStream err) {
        if (config.journal() == null) {
            err.println("regnotify: the configuration has no notifications.journal: dead letters live in the memory "
                    + "of the process that made them (replay them there, over JMX or the console)");
            return 2;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        DeliveryAssembly assembly;
        try {
            assembly = DeliveryAssembly.start(config, "the dead letter tool", Executors.defaultThreadFactory(),
                    DeliveryListener.NONE, broker -> {
                        throw new ConfigException("notifications.queue", "the dead letter tool replays on a journal "
                                + "of its own: replay a broker's endpoints on a delivering instance, over JMX or the "
                                + "console");
                    }, refused -> { });
        } catch (UncheckedIOException e) {
            err.println("regnotify: " + e.getMessage() + " (while the registry runs, replay its dead letters there, "
                    + "over JMX or the console)");
            return 2;
        }
        try {
            DeadLetters deadLetters = new DeadLetters(assembly.endpoints());
            int asked = deadLetters.replay(endpoint);
            err.println("regnotify: replaying " + asked + " dead letters of endpoint " + endpoint);
            while (deadLetters.replaying(endpoint) > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000); // polls the endpoint's own count; nothing to be told by
            }
            int left = deadLetters.count(endpoint);
            err.println("regnotify: " + (asked - Math.min(asked, left)) + " replayed, " + left
                    + " dead letters left for endpoint " + endpoint);
            return left == 0 ? 0 : 1;
        } finally {
            assembly.close(Duration.ofMillis(Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }
}

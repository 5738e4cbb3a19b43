package dev.regnotify.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The library's threads, by their names ({@code regnotify-...}), as a test sees them: those alive before it started
 * may belong to other tests of the same JVM, so a test looks at those it started.
 */
public final class LibraryThreads {

    private LibraryThreads() {
    }

    /** @return the library's threads alive now */
    public static Set<Thread> alive() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName()
                .startsWith("regnotify-")).collect(Collectors.toSet());
    }

    /** @return the names of the library's threads alive now that were not alive before */
    public static List<String> startedSince(Set<Thread> before) {
        return alive().stream().filter(t -> !before.contains(t)).map(Thread::getName).sorted().toList();
    }

    /** Waits, with a deadline, until every library thread started since {@code before} has ended: they end apart. */
    public static void awaitEnded(Set<Thread> before, Duration timeout) {
        try {
            Polling.await("the library's threads end", timeout, () -> startedSince(before).isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; still alive: " + startedSince(before), e);
        }
    }
}

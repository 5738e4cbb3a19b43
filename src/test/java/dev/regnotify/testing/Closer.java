package dev.regnotify.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test kept, after each test: {@code @RegisterExtension final Closer closer = new Closer();}, then
 * {@code Receiver receiver = closer.keep(Receiver.start());}.
 *
 * <p>The last kept closes first, so a thing closes before what it was built on (an endpoint before its pool, a
 * client before its server): keep what must outlive the others first. Every one is closed even when one throws, so a
 * failed close never leaves a thread or a port to the next test; the first failure is rethrown, with the others
 * suppressed in it, and fails the test.
 *
 * <p>Kept and closed on the test's thread.
 */
public final class Closer implements AfterEachCallback, AutoCloseable {

    private final List<AutoCloseable> kept = new ArrayList<>();

    /** @return {@code resource}, to be closed after the test, before anything kept earlier */
    public <T extends AutoCloseable> T keep(T resource) {
        kept.add(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    /**
     * Closes now everything kept so far, the last kept first, and forgets it (a test that restarts what it kept);
     * what is kept afterwards closes after the test.
     */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = kept.size() - 1; i >= 0; i--) {
            try {
                kept.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        kept.clear();
        if (first != null) {
            throw first;
        }
    }
}

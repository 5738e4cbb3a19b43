package dev.regnotify.delivery.attempts;

import java.util.List;

/** Where an endpoint's attempts survive restarts: written in the next commit. */
public final class AttemptFiles implements AutoCloseable {

    private final String endpoint;

    private AttemptFiles(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    List<Attempt> recovered(int newest) {
        return List.of();
    }

    long lastSequence() {
        return 0;
    }

    void append(Attempt attempt) {
    }

    List<Attempt> carrying(String eventId) {
        return List.of();
    }

    @Override
    public void close() {
    }
}

package dev.regnotify.delivery;

import java.time.Duration;

import dev.regnotify.events.RegistryEvent;

/** An endpoint's queue as its thread polls it: each event taken is counted, so that a replay knows its turn. */
record CountingSource(NotificationQueue queue, EndpointState state) implements EnvelopeBuilder.Source {

    @Override
    public RegistryEvent poll(Duration wait) throws InterruptedException {
        return counted(queue.poll(wait));
    }

    @Override
    public RegistryEvent poll() {
        return counted(queue.poll());
    }

    private RegistryEvent counted(RegistryEvent event) {
        if (event != null) {
            state.took();
        }
        return event;
    }
}

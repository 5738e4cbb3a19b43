package dev.regnotify.faults;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.EventLog;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.journal.Journal;

/**
 * Which events the journal refused to keep, and why: a failed write (its files failed more writes meanwhile) or a
 * full journal, with what each endpoint had pending at that moment. Records through a thin {@link EventLog} that
 * delegates to the real journal; appends come from one producing thread.
 */
final class RefusalLog {

    /** An endpoint's state when the journal was full. */
    record Held(String endpoint, boolean disabled, long pending) {
    }

    /** The journal was full when this event came; the endpoints were in this state. */
    record Full(String eventId, List<Held> endpoints) {
    }

    private final Set<String> refused = new LinkedHashSet<>();
    private final List<Full> full = new ArrayList<>();

    /** @return the journal, recording here the events it refuses */
    EventLog over(Journal journal, FaultyFiles files, List<Endpoint> endpoints) {
        return new EventLog() {
            private RegistryEvent appending;
            private long failedWritesBefore;

            @Override
            public long append(RegistryEvent event) {
                appending = event;
                failedWritesBefore = files.failedWrites();
                long ticket = journal.append(event);
                if (ticket < 0) {
                    refused(event, files.failedWrites() > failedWritesBefore, endpoints);
                }
                return ticket;
            }

            @Override
            public boolean syncsEachEvent() {
                return journal.syncsEachEvent();
            }

            @Override
            public boolean awaitDurable(long ticket) {
                boolean kept = journal.awaitDurable(ticket);
                if (!kept && ticket >= 0) {
                    refused(appending, true, endpoints);
                }
                return kept;
            }
        };
    }

    private synchronized void refused(RegistryEvent event, boolean writeFailed, List<Endpoint> endpoints) {
        refused.add(event.id());
        if (!writeFailed) {
            full.add(new Full(event.id(), endpoints.stream().map(e -> new Held(e.name(), e.isDisabled(),
                    e.metrics().getPending())).toList()));
        }
    }

    /** @return the ids of the events the journal did not keep, though their operations returned */
    synchronized Set<String> refused() {
        return Set.copyOf(refused);
    }

    /** @return the moments the journal was full */
    synchronized List<Full> full() {
        return List.copyOf(full);
    }
}

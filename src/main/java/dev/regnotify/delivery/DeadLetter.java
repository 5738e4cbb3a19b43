package dev.regnotify.delivery;

import java.time.Instant;
import java.util.List;

import dev.regnotify.events.RegistryEvent;

/**
 * An envelope that ran out of attempts, kept so that an operator can look at it and replay it.
 *
 * @param id its id within its endpoint, increasing
 * @param endpoint the endpoint's name
 * @param events its events, in order (replayed with the same ids, so that receivers can deduplicate)
 * @param attempts how many attempts it had, over every replay
 * @param firstAttempt when it was first attempted
 * @param lastAttempt when it was last attempted
 * @param lastError the receiver's last status line and up to 4 KiB of its body, or why it could not be reached
 * @since 0.2
 */
public record DeadLetter(long id, String endpoint, List<RegistryEvent> events, int attempts, Instant firstAttempt,
        Instant lastAttempt, String lastError) {

    /** Copies the events. */
    public DeadLetter {
        events = List.copyOf(events);
    }

    /** @return the ids of its events, in order */
    public List<String> eventIds() {
        return events.stream().map(RegistryEvent::id).toList();
    }

    /**
     * @return one line: {@code endpoint=<name> id=<n> events=<n> attempts=<n> first=<time> last=<time>
     *         ids=<first>..<last> error=<last error on one line>}
     */
    public String summary() {
        List<String> ids = eventIds();
        String range = ids.isEmpty() ? "" : ids.get(0) + (ids.size() > 1 ? ".." + ids.get(ids.size() - 1) : "");
        return "endpoint=" + endpoint + " id=" + id + " events=" + ids.size() + " attempts=" + attempts + " first="
                + firstAttempt + " last=" + lastAttempt + " ids=" + range + " error="
                + lastError.replace('\n', ' ').replace('\r', ' ');
    }

    /** @param newId the id it gets @return this letter under that id */
    public DeadLetter withId(long newId) {
        return new DeadLetter(newId, endpoint, events, attempts, firstAttempt, lastAttempt, lastError);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + endpoint + "#" + id + ": " + events.size() + " events, " + attempts + " attempts, "
                + firstAttempt + " to " + lastAttempt + ", " + lastError + "]";
    }
}

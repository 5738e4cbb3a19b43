package dev.regnotify.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * A replay by time that cannot be made: the endpoint's queue keeps no delivered event (no journal, or a journal
 * without {@code retention}), the time is before the oldest event kept, or a replay is under way already.
 *
 * @since 0.3
 */
public final class ReplayRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The endpoint's events are not journaled (an in-memory queue, a broker's queue). */
        NO_JOURNAL("no-journal"),
        /** The journal deletes delivered events ({@code retention} is zero). */
        NO_RETENTION("no-retention"),
        /** Events after the time asked for were deleted already. */
        BEFORE_RETENTION("before-retention"),
        /** The endpoint replays already; one replay at a time. */
        REPLAYING("replaying");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** @return a stable code for an API, such as {@code no-retention} */
        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final transient Instant oldest;

    /**
     * @param reason why
     * @param message what is missing, and what would make the replay possible
     * @param oldest the time of the oldest event kept, or null
     */
    public ReplayRefusedException(Reason reason, String message, Instant oldest) {
        super(message);
        this.reason = reason;
        this.oldest = oldest;
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }

    /** @return the time of the oldest event kept, when that is why */
    public Optional<Instant> oldest() {
        return Optional.ofNullable(oldest);
    }
}

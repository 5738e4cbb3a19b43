package dev.regnotify.subscriptions;

/**
 * A change to the subscriptions that was refused, and nothing of it kept: why, and which field of the subscription's
 * JSON is at fault ({@code url}, {@code filter.repositories[0]}, {@code owner}, {@code secret}, {@code name}), so that
 * an API can answer with both. The message never quotes a secret.
 *
 * @since 0.4
 */
public final class SubscriptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of refusal, with the HTTP status an API answers it with. */
    public enum Kind {
        /** A value is missing or wrong (400). */
        INVALID(400, "invalid-subscription"),
        /** The owner is not one the application allows (400). */
        UNKNOWN_OWNER(400, "unknown-owner"),
        /** No subscription has that name (404). */
        UNKNOWN(404, "unknown-subscription"),
        /** The name is taken, by a subscription or a configured endpoint (409). */
        DUPLICATE(409, "duplicate-name"),
        /** There are {@code notifications.subscriptions.max} subscriptions already (409). */
        TOO_MANY(409, "too-many-subscriptions"),
        /** The store could not keep the change, or the endpoint could not start (503); nothing changed. */
        UNAVAILABLE(503, "subscriptions-unavailable");

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** @return the HTTP status an API answers with */
        public int status() {
            return status;
        }

        /** @return a stable code, such as {@code duplicate-name} */
        public String code() {
            return code;
        }
    }

    private final Kind kind;
    private final String field;

    /**
     * @param kind what kind of refusal
     * @param field the field at fault, or empty for the document as a whole
     * @param reason what is wrong and what was expected
     */
    public SubscriptionException(Kind kind, String field, String reason) {
        this(kind, field, reason, null);
    }

    /**
     * @param kind what kind of refusal
     * @param field the field at fault, or empty for the document as a whole
     * @param reason what is wrong and what was expected
     * @param cause the underlying failure, or null
     */
    public SubscriptionException(Kind kind, String field, String reason, Throwable cause) {
        super(field.isEmpty() ? reason : field + ": " + reason, cause);
        this.kind = kind;
        this.field = field;
    }

    /** @return what kind of refusal */
    public Kind kind() {
        return kind;
    }

    /** @return the field at fault, or empty */
    public String field() {
        return field;
    }
}

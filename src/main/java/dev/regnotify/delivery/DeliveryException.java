package dev.regnotify.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * An envelope was not accepted: the receiver answered with something other than 2xx, or could not be reached.
 *
 * @since 0.1
 */
public class DeliveryException extends Exception {

    /** Not a field a serialized form would need: the wait is only of use to the endpoint that caught it. */
    private final transient Duration retryAfter;

    /** @param message what the receiver answered, or why it could not be reached */
    public DeliveryException(String message) {
        this(message, (Duration) null);
    }

    /**
     * @param message what the receiver answered
     * @param retryAfter how long the receiver asked to be left alone ({@code Retry-After}), or {@code null}
     * @since 0.2
     */
    public DeliveryException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /**
     * @param message why the receiver could not be reached
     * @param cause the transport's failure
     */
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    /**
     * @return how long the receiver asked to be left alone, when it answered 429 or 503 with a {@code Retry-After}
     * @since 0.2
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

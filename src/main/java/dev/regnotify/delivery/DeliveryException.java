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
    private final int status;
    private final String answer;

    /** @param message what the receiver answered, or why it could not be reached */
    public DeliveryException(String message) {
        this(message, 0, null, null);
    }

    /**
     * @param message what the receiver answered, for a log line
     * @param status the answer's status code
     * @param answer its status line and up to 4 KiB of its body, kept with a dead letter; or null for the message
     * @param retryAfter how long the receiver asked to be left alone ({@code Retry-After}), or {@code null}
     * @since 0.2
     */
    public DeliveryException(String message, int status, String answer, Duration retryAfter) {
        super(message);
        this.status = status;
        this.answer = answer;
        this.retryAfter = retryAfter;
    }

    /**
     * @param message why the receiver could not be reached
     * @param cause the transport's failure
     */
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.answer = null;
        this.retryAfter = null;
    }

    /**
     * @return how long the receiver asked to be left alone, when it answered 429 or 503 with a {@code Retry-After}
     * @since 0.2
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * @return the receiver's status code, or 0 when it could not be reached or gave no complete answer
     * @since 0.2
     */
    public int status() {
        return status;
    }

    /**
     * @return the receiver's status line and up to 4 KiB of its body; or why it could not be reached
     * @since 0.2
     */
    public String answer() {
        return answer != null ? answer : getMessage();
    }
}

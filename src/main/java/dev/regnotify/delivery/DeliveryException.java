package dev.regnotify.delivery;

/**
 * An envelope was not accepted: the receiver answered with something other than 2xx, or could not be reached.
 *
 * @since 0.1
 */
public class DeliveryException extends Exception {

    /** @param message what the receiver answered, or why it could not be reached */
    public DeliveryException(String message) {
        super(message);
    }

    /**
     * @param message why the receiver could not be reached
     * @param cause the transport's failure
     */
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}

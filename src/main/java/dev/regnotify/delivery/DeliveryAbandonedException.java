package dev.regnotify.delivery;

/**
 * An envelope was given up on because the endpoint was closed past its drain deadline; its events stay pending.
 *
 * @since 0.1
 */
public class DeliveryAbandonedException extends DeliveryException {

    /** @param message why it was given up on */
    public DeliveryAbandonedException(String message) {
        super(message);
    }
}

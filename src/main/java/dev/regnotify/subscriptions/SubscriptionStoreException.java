package dev.regnotify.subscriptions;

/**
 * A {@link SubscriptionStore} could not read or keep subscriptions.
 *
 * @since 0.4
 */
public final class SubscriptionStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done, and where
     * @param cause the underlying failure
     */
    public SubscriptionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

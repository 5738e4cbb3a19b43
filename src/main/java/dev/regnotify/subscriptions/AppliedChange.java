package dev.regnotify.subscriptions;

/**
 * How a change of the subscriptions is made: kept in the store first, then applied to the endpoints, undone in the
 * store if they refuse it; each failure a {@link SubscriptionException} of kind {@code UNAVAILABLE}, the change not
 * made.
 */
final class AppliedChange {

    private AppliedChange() {
    }

    static void keep(Runnable change) {
        try {
            change.run();
        } catch (SubscriptionStoreException e) {
            throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE, "", "the subscriptions' store "
                    + "could not keep the change, so it was not made: " + e.getMessage(), e);
        }
    }

    /** Runs a change of the endpoints; if it fails, undoes what was kept and refuses the change. */
    static void apply(Subscription subscription, Runnable change, Runnable undo) {
        try {
            change.run();
        } catch (RuntimeException e) {
            try {
                undo.run();
            } catch (RuntimeException undoFailed) {
                e.addSuppressed(undoFailed);
            }
            throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE, "", "the endpoint of "
                    + "subscription " + subscription.name() + " could not start: " + e.getMessage(), e);
        }
    }
}

package dev.regnotify.subscriptions;

/**
 * Which owners a subscription may have: whatever the application allows (its projects, its teams). An application
 * replaces the default with its own (in CDI, by producing a bean of this type).
 *
 * @since 0.4
 */
@FunctionalInterface
public interface OwnerPolicy {

    /** Any owner that is not blank. */
    OwnerPolicy ANY_NON_BLANK = owner -> !owner.isBlank();

    /**
     * @param owner the owner named in a subscription, never null
     * @return whether it may own subscriptions
     */
    boolean allows(String owner);
}

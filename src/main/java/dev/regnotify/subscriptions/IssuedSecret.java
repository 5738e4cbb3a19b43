package dev.regnotify.subscriptions;

import java.util.Map;

/**
 * A subscription with the secret just made for it: the answer to a creation or a rotation, the only one that shows
 * the secret. {@link #toString()} does not.
 *
 * @param subscription the subscription
 * @param secret its new secret
 * @since 0.4
 */
public record IssuedSecret(Subscription subscription, String secret) {

    /** @return the subscription's view with its {@code secret} shown */
    public Map<String, Object> view() {
        return SubscriptionJson.view(subscription, secret);
    }

    @Override
    public String toString() {
        return "IssuedSecret[" + subscription + ", secret=<redacted>]";
    }
}

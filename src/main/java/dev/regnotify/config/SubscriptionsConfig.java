package dev.regnotify.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How subscriptions created at runtime are kept and guarded ({@code notifications.subscriptions}).
 *
 * @param file where they are kept without a journal ({@code file}); null: in the journal's directory if there is
 *             one, else in memory only (lost with the process), unless the application gives its own store
 * @param allowNetworks networks a subscription's URL may reach although the address guard refuses them
 *                      ({@code allownetworks}, CIDR; default none)
 * @param max how many subscriptions may exist at once ({@code max}, default 10,000)
 * @since 0.4
 */
public record SubscriptionsConfig(Path file, List<Cidr> allowNetworks, int max) {

    /** The default most subscriptions. */
    public static final int DEFAULT_MAX = 10_000;

    /** No file, no network allowed beyond the guard's, at most {@value #DEFAULT_MAX}. */
    public static final SubscriptionsConfig DEFAULT = new SubscriptionsConfig(null, List.of(), DEFAULT_MAX);

    /**
     * Copies the list.
     *
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public SubscriptionsConfig {
        allowNetworks = List.copyOf(allowNetworks);
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
    }

    /** @return the guard every subscription's connections go through */
    public GuardConfig guard() {
        return GuardConfig.allowing(allowNetworks);
    }
}

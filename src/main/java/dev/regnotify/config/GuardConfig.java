package dev.regnotify.config;

import java.util.List;

/**
 * Whether an endpoint's connections are kept off loopback, private, link-local, shared (CGNAT), multicast and
 * unspecified addresses, and which networks are allowed all the same. Off for static endpoints unless their
 * {@code guard} block is given: they are the operator's own, and many point at {@code 127.0.0.1}.
 *
 * @param enabled whether addresses are judged at all
 * @param allowNetworks networks reached although a rule refuses them ({@code guard.allownetworks})
 * @since 0.4
 */
public record GuardConfig(boolean enabled, List<Cidr> allowNetworks) {

    /** No guard: every address may be reached. */
    public static final GuardConfig OFF = new GuardConfig(false, List.of());

    /** Copies the list; networks allowed need the guard on. */
    public GuardConfig {
        allowNetworks = List.copyOf(allowNetworks);
        if (!enabled && !allowNetworks.isEmpty()) {
            throw new IllegalArgumentException("networks are allowed but the guard is off");
        }
    }

    /**
     * @param allowNetworks networks reached although a rule refuses them
     * @return a guard that refuses the other networks of its rules
     */
    public static GuardConfig allowing(List<Cidr> allowNetworks) {
        return new GuardConfig(true, allowNetworks);
    }
}

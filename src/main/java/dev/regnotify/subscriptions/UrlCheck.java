package dev.regnotify.subscriptions;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import dev.regnotify.config.GuardConfig;
import dev.regnotify.delivery.http.AddressGuard;

/**
 * Whether a subscription's URL may be reached when it is given: its host's addresses judged by the address guard.
 * Every connection is judged again when it is made (a name may resolve elsewhere later). A seam, so that a test can
 * resolve names its own way.
 *
 * @since 0.4
 */
@FunctionalInterface
public interface UrlCheck {

    /**
     * @param url a subscription's URL
     * @return why it is refused (the address and the rule, or that the host has no address), or empty when allowed
     */
    Optional<String> refusal(URI url);

    /**
     * @param guard the subscriptions' guard ({@code notifications.subscriptions.allownetworks})
     * @return a check that looks the host up with the system's resolver
     */
    static UrlCheck guarded(GuardConfig guard) {
        AddressGuard addresses = AddressGuard.allowing(guard.allowNetworks());
        return url -> {
            try {
                addresses.checkUrl(url);
                return Optional.empty();
            } catch (AddressGuard.RefusedAddressException e) {
                return Optional.of(e.getMessage());
            } catch (UnknownHostException e) {
                return Optional.of("its host has no address (" + e.getMessage() + ")");
            } catch (IOException e) {
                return Optional.of("its host could not be looked up: " + e);
            }
        };
    }
}

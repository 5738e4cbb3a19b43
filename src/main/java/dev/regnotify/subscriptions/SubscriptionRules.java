package dev.regnotify.subscriptions;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.regnotify.config.SigningConfig;
import dev.regnotify.delivery.http.HeaderRules;

/**
 * What a subscription must be before anything of it is kept: a name of its own, an owner the application allows, a
 * URL without user information or fragment that the guard lets through, headers the HTTP client can send, and a
 * secret of the Standard Webhooks form.
 * Each refusal names the field. Immutable.
 */
final class SubscriptionRules {

    /** Names go into paths, file names and JMX names: kept plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final OwnerPolicy owners;
    private final UrlCheck urls;

    SubscriptionRules(OwnerPolicy owners, UrlCheck urls) {
        this.owners = owners;
        this.urls = urls;
    }

    /** @throws SubscriptionException naming the first field at fault */
    void check(SubscriptionJson.Draft draft) {
        String name = draft.endpoint().name();
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "\"" + shortened(name) + "\" is not a subscription's name (letters, digits, '.', "
                    + "'_' and '-', starting with a letter or digit, at most 128)");
        }
        if (!owners.allows(draft.owner())) {
            throw new SubscriptionException(SubscriptionException.Kind.UNKNOWN_OWNER, "owner", "\""
                    + shortened(draft.owner()) + "\" is not an owner this registry knows");
        }
        checkUrl(draft.endpoint().url());
        checkHeaders(draft.endpoint().transport().headers());
        if (draft.secret() != null) {
            checkSecret(draft.secret());
        }
    }

    private void checkUrl(URI url) {
        if (url.getRawUserInfo() != null) {
            throw invalid("url", "has user information (user:password@): send credentials in \"headers\"");
        }
        if (url.getRawFragment() != null) {
            throw invalid("url", "has a fragment (#...), which is never sent to the receiver");
        }
        Optional<String> refusal = urls.refusal(url);
        if (refusal.isPresent()) {
            throw invalid("url", "is refused by the address guard: " + refusal.get() + " (networks are allowed in "
                    + "notifications.subscriptions.allownetworks)");
        }
    }

    /** A header the HTTP client cannot send is the caller's bad value, not an endpoint that could not start. */
    private static void checkHeaders(Map<String, List<String>> headers) {
        headers.forEach((name, values) -> values.forEach(value -> HeaderRules.refusal(name, value).ifPresent(
                reason -> {
                    throw invalid("headers." + name, reason);
                })));
    }

    /** @throws SubscriptionException naming {@code secret}, never quoting it */
    static void checkSecret(String secret) {
        if (!secret.startsWith("whsec_")) {
            throw invalid("secret", "does not start with whsec_ (the Standard Webhooks form: whsec_ and a base64 key; "
                    + "the value is not shown)");
        }
        try {
            new SigningConfig(List.of(secret));
        } catch (IllegalArgumentException e) {
            throw invalid("secret", e.getMessage().replaceFirst("^secret 0 ", ""));
        }
    }

    private static SubscriptionException invalid(String field, String reason) {
        return new SubscriptionException(SubscriptionException.Kind.INVALID, field, reason);
    }

    private static String shortened(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}

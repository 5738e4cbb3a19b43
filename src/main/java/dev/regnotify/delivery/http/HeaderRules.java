package dev.regnotify.delivery.http;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which configured headers can be sent as given: a name that is an HTTP token and not one the client must set itself,
 * and a value without line breaks or other control characters (which would let a value inject headers). The value
 * is never quoted in a message: it may be a secret. Public so that what is checked at runtime (a subscription) is
 * refused with the same rule before anything of it is kept.
 *
 * @since 0.4
 */
public final class HeaderRules {

    // set by the client from the request itself; a configured one would contradict it
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");

    private HeaderRules() {
    }

    /** @throws IllegalArgumentException naming the header, and why it cannot be sent */
    static void check(String name, String value) {
        refusal(name, value).ifPresent(reason -> {
            throw new IllegalArgumentException("header \"" + name + "\": " + reason);
        });
    }

    /**
     * @param name a header's name
     * @param value one of its values
     * @return why it cannot be sent (never quoting the value), or empty if it can
     */
    public static Optional<String> refusal(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(HeaderRules::isTokenChar)) {
            return Optional.of("not a valid HTTP header name");
        }
        if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("is set by the HTTP client and cannot be configured");
        }
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7F))) {
            return Optional.of("its value has a line break or another control character (the value is not shown: it "
                    + "may be a secret)");
        }
        return Optional.empty();
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7F && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}

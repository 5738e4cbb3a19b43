package dev.regnotify.events;

import java.util.Objects;

/**
 * The request that caused an event, as distribution records it. Unknown fields are empty strings, never null.
 *
 * @param id the request id, or empty
 * @param addr the client's address, or empty
 * @param host the host the client addressed, or empty
 * @param method the HTTP method, or empty
 * @param useragent the client's user agent, or empty
 * @since 0.1
 */
public record RequestRecord(String id, String addr, String host, String method, String useragent) {

    /** A request about which nothing is known. */
    public static final RequestRecord EMPTY = new RequestRecord("", "", "", "", "");

    /** Takes null for an unknown field. */
    public RequestRecord {
        id = Objects.requireNonNullElse(id, "");
        addr = Objects.requireNonNullElse(addr, "");
        host = Objects.requireNonNullElse(host, "");
        method = Objects.requireNonNullElse(method, "");
        useragent = Objects.requireNonNullElse(useragent, "");
    }
}

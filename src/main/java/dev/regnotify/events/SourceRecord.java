package dev.regnotify.events;

import java.util.Objects;

/**
 * The registry instance that produced an event: configured as {@code source.addr} and {@code source.instanceID},
 * by default the host name and a random id per start.
 *
 * @param addr the instance's address, such as {@code registry-1:5000}
 * @param instanceID an id of this running instance
 * @since 0.1
 */
public record SourceRecord(String addr, String instanceID) {

    /** Takes null for an unknown field. */
    public SourceRecord {
        addr = Objects.requireNonNullElse(addr, "");
        instanceID = Objects.requireNonNullElse(instanceID, "");
    }
}

package dev.regnotify.wire;

import java.util.List;
import java.util.Objects;

import dev.regnotify.registry.Descriptor;

/**
 * What a notification is about, as distribution's {@code target}. Empty strings, zeros, nulls and empty lists stand
 * for absent fields; the shape ({@code v1} or {@code v2}) decides which of them are written.
 *
 * @param mediaType the content's media type, or empty (deletes)
 * @param size the content's size, or zero
 * @param digest the content's digest, or empty (tag and repository deletes)
 * @param length the same as {@code size}, as distribution writes it; zero for deletes
 * @param repository the repository
 * @param fromRepository the repository a blob was mounted from, or null
 * @param url where the content can be fetched, or null
 * @param tag the tag, or null
 * @param references what a manifest references, only when the configuration includes them; else empty
 * @since 0.1
 */
public record Target(String mediaType, long size, String digest, long length, String repository,
        String fromRepository, String url, String tag, List<Descriptor> references) {

    /** Normalizes absent strings and lists. */
    public Target {
        mediaType = Objects.requireNonNullElse(mediaType, "");
        digest = Objects.requireNonNullElse(digest, "");
        Objects.requireNonNull(repository, "repository");
        references = references == null ? List.of() : List.copyOf(references);
    }
}

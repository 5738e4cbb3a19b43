package dev.regnotify.registry;

/**
 * Describes content: its media type, size in bytes and digest.
 *
 * @param mediaType the content's media type, {@code type/subtype}
 * @param size the content's size in bytes, zero or more
 * @param digest the digest of the content
 * @since 0.1
 */
public record Descriptor(String mediaType, long size, Digest digest) {

    /**
     * @param mediaType the content's media type
     * @param size the size in bytes
     * @param digest the digest
     * @throws InvalidMediaTypeException if the media type is not {@code type/subtype}
     * @throws InvalidSizeException if the size is negative
     * @throws NullPointerException if the digest is null
     */
    public Descriptor {
        MediaTypes.require(mediaType);
        if (size < 0) {
            throw new InvalidSizeException(Long.toString(size), "expected zero or more bytes");
        }
        if (digest == null) {
            throw new NullPointerException("digest");
        }
    }
}

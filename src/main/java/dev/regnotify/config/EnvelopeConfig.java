package dev.regnotify.config;

import java.util.Objects;

/**
 * What the envelopes an endpoint receives look like: their format, the CloudEvents type prefix, and how many events
 * one may carry.
 *
 * @param format the shape of the notifications sent ({@code format}, default {@code v1})
 * @param typePrefix with a CloudEvents format, what each event's {@code type} starts with ({@code typeprefix},
 *                   default {@code dev.regnotify}: {@code dev.regnotify.manifest.pushed})
 * @param batch how many events one envelope may carry ({@code batch}, default one)
 * @since 0.3
 */
public record EnvelopeConfig(Format format, String typePrefix, BatchConfig batch) {

    /** What a CloudEvents {@code type} starts with unless configured. */
    public static final String DEFAULT_TYPE_PREFIX = "dev.regnotify";
    /** distribution's 2.x format, one event per envelope. */
    public static final EnvelopeConfig DEFAULT = new EnvelopeConfig(Format.V1, DEFAULT_TYPE_PREFIX, BatchConfig.SINGLE);

    /** The format and the batch are required, the type prefix must not be empty. */
    public EnvelopeConfig {
        Objects.requireNonNull(format, "format");
        if (typePrefix == null || typePrefix.isBlank()) {
            throw new IllegalArgumentException("typeprefix must not be empty");
        }
        Objects.requireNonNull(batch, "batch");
    }

    @Override
    public String toString() {
        return "EnvelopeConfig[format=" + format.key() + ", typeprefix=" + typePrefix + ", batch=" + batch + "]";
    }
}

package dev.regnotify.config;

/**
 * The registry instance named in every notification's {@code source}. A null field takes its default when the
 * library starts: the host name for {@code addr}, a random id per start for {@code instanceID}.
 *
 * @param addr the instance's address, such as {@code registry-1:5000}, or null for the host name
 * @param instanceID an id of the running instance, or null for a random one
 * @since 0.1
 */
public record SourceConfig(String addr, String instanceID) {

    /** Both fields take their defaults. */
    public static final SourceConfig DEFAULT = new SourceConfig(null, null);
}

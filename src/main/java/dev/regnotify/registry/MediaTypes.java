package dev.regnotify.registry;

import java.util.Set;

/**
 * The media types a registry meets, and the check that a string is one.
 *
 * @since 0.1
 */
public final class MediaTypes {

    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker image manifest, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list, schema 2. */
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** OCI image config. */
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** Docker image config. */
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    /** OCI gzip layer. */
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    /** Docker gzip layer. */
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** Content of no particular type: what a registry records for a blob pushed without one. */
    public static final String OCTET_STREAM = "application/octet-stream";

    /** The manifest media types {@link Manifest} accepts. */
    public static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

    // Layers a registry never holds: their content lives at the URLs the manifest gives (Windows base layers).
    private static final Set<String> FOREIGN_LAYERS = Set.of(
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

    private static final int MAX_NAME = 127;

    private MediaTypes() {
    }

    /**
     * @param mediaType a candidate media type
     * @return the media type, unchanged
     * @throws InvalidMediaTypeException if it is not of the form {@code type/subtype}
     */
    public static String require(String mediaType) {
        if (mediaType == null || !isMediaType(mediaType)) {
            throw new InvalidMediaTypeException(mediaType, "expected type/subtype, such as " + OCTET_STREAM);
        }
        return mediaType;
    }

    /**
     * RFC 6838 section 4.2: {@code type/subtype}, each a restricted name of 1 to 127 characters, then optional
     * parameters after {@code ;}. Scanned by hand: every descriptor checks its media type, on every storage call.
     */
    private static boolean isMediaType(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return false;
        }
        int semicolon = text.indexOf(';', slash);
        int end = semicolon < 0 ? text.length() : semicolon;
        while (semicolon >= 0 && end > slash + 1 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return isRestrictedName(text, 0, slash) && isRestrictedName(text, slash + 1, end);
    }

    private static boolean isRestrictedName(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_NAME || !isAlphanumeric(text.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!isAlphanumeric(c) && "!#$&^_.+-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * @param mediaType a layer's media type
     * @return whether a registry does not hold such layers (their content is fetched from elsewhere)
     */
    public static boolean isForeignLayer(String mediaType) {
        return FOREIGN_LAYERS.contains(mediaType);
    }
}

package dev.regnotify.registry;

import java.util.Set;
import java.util.regex.Pattern;

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

    // RFC 6838 section 4.2 restricted names, with optional parameters after ';'.
    private static final Pattern GRAMMAR = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\\s*;.*)?");

    private MediaTypes() {
    }

    /**
     * @param mediaType a candidate media type
     * @return the media type, unchanged
     * @throws InvalidMediaTypeException if it is not of the form {@code type/subtype}
     */
    public static String require(String mediaType) {
        if (mediaType == null || !GRAMMAR.matcher(mediaType).matches()) {
            throw new InvalidMediaTypeException(mediaType, "expected type/subtype, such as " + OCTET_STREAM);
        }
        return mediaType;
    }

    /**
     * @param mediaType a layer's media type
     * @return whether a registry does not hold such layers (their content is fetched from elsewhere)
     */
    public static boolean isForeignLayer(String mediaType) {
        return FOREIGN_LAYERS.contains(mediaType);
    }
}

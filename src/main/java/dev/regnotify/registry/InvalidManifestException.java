package dev.regnotify.registry;

/**
 * A manifest payload could not be understood: not JSON, not an object, of an unsupported media type, or with a
 * field missing or of the wrong kind. The message names the field.
 *
 * @since 0.1
 */
public class InvalidManifestException extends RegistryException {

    /** @param message what is wrong, naming the field */
    public InvalidManifestException(String message) {
        super(ErrorCode.MANIFEST_INVALID, "invalid manifest: " + message);
    }

    /**
     * @param message what is wrong
     * @param cause the parser's failure
     */
    public InvalidManifestException(String message, Throwable cause) {
        super(ErrorCode.MANIFEST_INVALID, "invalid manifest: " + message, cause);
    }
}

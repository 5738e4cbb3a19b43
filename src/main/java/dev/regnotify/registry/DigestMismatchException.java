package dev.regnotify.registry;

/**
 * Content does not match the digest it was given.
 *
 * @since 0.1
 */
public class DigestMismatchException extends RegistryException {

    /**
     * @param expected the digest the caller gave
     * @param actual the digest of the content received
     */
    public DigestMismatchException(Digest expected, Digest actual) {
        super(ErrorCode.DIGEST_INVALID, "content digest " + actual + " does not match the expected digest " + expected);
    }
}

package dev.regnotify.registry;

/**
 * Content does not have the size it was given.
 *
 * @since 0.1
 */
public class SizeMismatchException extends RegistryException {

    /**
     * @param expected the size the caller gave
     * @param actual the size of the content received
     */
    public SizeMismatchException(long expected, long actual) {
        super(ErrorCode.SIZE_INVALID, "content size " + actual + " does not match the expected size " + expected);
    }
}

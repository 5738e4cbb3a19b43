package dev.regnotify.registry;

/**
 * A size is negative.
 *
 * @since 0.1
 */
public class InvalidSizeException extends RegistryException {

    /**
     * @param value the value refused, quoted in the message as given
     * @param expectation what a valid value looks like, or why this one is not
     */
    public InvalidSizeException(String value, String expectation) {
        super(ErrorCode.SIZE_INVALID, "invalid size " + Quote.of(value) + ": " + expectation);
    }
}

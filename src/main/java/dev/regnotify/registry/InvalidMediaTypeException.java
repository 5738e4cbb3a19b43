package dev.regnotify.registry;

/**
 * A media type is not of the form <code>type/subtype</code>, or is not one the operation accepts.
 *
 * @since 0.1
 */
public class InvalidMediaTypeException extends RegistryException {

    /**
     * @param value the value refused, quoted in the message as given
     * @param expectation what a valid value looks like, or why this one is not
     */
    public InvalidMediaTypeException(String value, String expectation) {
        super(ErrorCode.UNSUPPORTED, "invalid media type " + Quote.of(value) + ": " + expectation);
    }
}

package dev.regnotify.registry;

/**
 * A tag does not follow the grammar <code>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}</code>.
 *
 * @since 0.1
 */
public class InvalidTagException extends RegistryException {

    /**
     * @param value the value refused, quoted in the message as given
     * @param expectation what a valid value looks like, or why this one is not
     */
    public InvalidTagException(String value, String expectation) {
        super(ErrorCode.TAG_INVALID, "invalid tag " + Quote.of(value) + ": " + expectation);
    }
}

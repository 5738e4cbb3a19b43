package dev.regnotify.registry;

/**
 * A repository name does not follow distribution's grammar.
 *
 * @since 0.1
 */
public class InvalidNameException extends RegistryException {

    /**
     * @param value the value refused, quoted in the message as given
     * @param expectation what a valid value looks like, or why this one is not
     */
    public InvalidNameException(String value, String expectation) {
        super(ErrorCode.NAME_INVALID, "invalid repository name " + Quote.of(value) + ": " + expectation);
    }
}

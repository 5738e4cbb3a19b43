package dev.regnotify.registry;

/**
 * A digest is not of the form <code>algorithm:hex</code> with a supported algorithm.
 *
 * @since 0.1
 */
public class InvalidDigestException extends RegistryException {

    /**
     * @param value the value refused, quoted in the message as given
     * @param expectation what a valid value looks like, or why this one is not
     */
    public InvalidDigestException(String value, String expectation) {
        super(ErrorCode.DIGEST_INVALID, "invalid digest " + Quote.of(value) + ": " + expectation);
    }
}

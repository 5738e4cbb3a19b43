package dev.regnotify.registry;

/**
 * The root of every failure a storage reports. Unchecked, so that storage calls compose with lambdas and pass
 * through interceptors unchanged. Each subclass names the input at fault and what was expected.
 *
 * @since 0.1
 */
public abstract class RegistryException extends RuntimeException {

    private final ErrorCode code;

    /**
     * @param code the registry API error code this failure maps to
     * @param message what went wrong, naming the input and the expectation
     */
    protected RegistryException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * @param code the registry API error code this failure maps to
     * @param message what went wrong, naming the input and the expectation
     * @param cause the underlying failure
     */
    protected RegistryException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** @return the registry API error code this failure maps to */
    public ErrorCode code() {
        return code;
    }
}

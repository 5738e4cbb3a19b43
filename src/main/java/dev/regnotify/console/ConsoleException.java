package dev.regnotify.console;

/**
 * A request the console answers with an error: its HTTP status, a stable code and a message for a person. Thrown by
 * a {@link ConsoleSource} for what it does not have ({@link #notAvailable}) or know ({@link #unknownEndpoint}), and
 * by the console for a bad request. The message never quotes a query value or a header.
 *
 * @since 0.3
 */
public final class ConsoleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;

    /**
     * @param status the HTTP status to answer with
     * @param code a stable code, such as {@code unknown-endpoint}
     * @param message what is wrong and what was expected
     */
    public ConsoleException(int status, String code, String message) {
        this(status, code, null, message);
    }

    /**
     * @param status the HTTP status to answer with
     * @param code a stable code, such as {@code invalid-subscription}
     * @param field the field of the request's body at fault ({@code url}), or null
     * @param message what is wrong and what was expected
     * @since 0.4
     */
    public ConsoleException(int status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /**
     * @param what what is missing, and what would bring it
     * @return a 501 {@code not-available}
     */
    public static ConsoleException notAvailable(String what) {
        return new ConsoleException(501, "not-available", what);
    }

    /**
     * @param name the name asked for
     * @return a 404 {@code unknown-endpoint}
     */
    public static ConsoleException unknownEndpoint(String name) {
        return new ConsoleException(404, "unknown-endpoint", "no endpoint is named \"" + shortened(name) + "\"");
    }

    /**
     * @param code a stable code
     * @param message what is wrong and what was expected
     * @return a 400
     */
    static ConsoleException badRequest(String code, String message) {
        return new ConsoleException(400, code, message);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the stable code */
    public String code() {
        return code;
    }

    /**
     * @return the field of the request's body at fault, or null
     * @since 0.4
     */
    public String field() {
        return field;
    }

    /** A name from the path, cut so that a huge one does not make a huge answer. */
    static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}

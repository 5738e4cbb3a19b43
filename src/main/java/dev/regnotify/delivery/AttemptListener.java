package dev.regnotify.delivery;

/**
 * Told by a transport how each attempt ended, as distribution's sinks tell their metrics listeners: the transport knows
 * no counters type, and the endpoint's counters ({@link EndpointMetrics}) are one listener.
 *
 * @since 0.3
 */
public interface AttemptListener {

    /** Hears nothing. */
    AttemptListener NONE = new AttemptListener() {
        @Override
        public void succeeded(int status, int events) {
        }

        @Override
        public void failed(int status, int events) {
        }

        @Override
        public void errored(int events) {
        }
    };

    /**
     * The receiver accepted an envelope.
     *
     * @param status its answer's status
     * @param events how many events the envelope held
     */
    void succeeded(int status, int events);

    /**
     * The receiver refused an envelope.
     *
     * @param status its answer's status
     * @param events how many events the envelope held
     */
    void failed(int status, int events);

    /**
     * An envelope got no answer (the receiver unreachable, the attempt timed out or cancelled).
     *
     * @param events how many events the envelope held
     */
    void errored(int events);

    /**
     * What the transport saw of one attempt, told to the one who asked for it ({@link Sink#send(Envelope,
     * AttemptListener)}): the attempt log records it with what followed.
     *
     * @param answer the receiver's answer, or why there was none
     * @since 0.3
     */
    default void answered(Answer answer) {
    }

    /**
     * What one attempt got: nothing secret (no header value of the request, no URL credential or query value).
     *
     * @param status the receiver's status code, or 0 when it gave no complete answer
     * @param body the first 4 KiB of the response's body, as text (UTF-8), or empty
     * @param retryAfter the response's {@code Retry-After} as sent (at most 64 characters), or null
     * @param error why there was no answer (the receiver as host:port and the cause), or null when there was one
     * @since 0.3
     */
    record Answer(int status, String body, String retryAfter, String error) {

        /** Keeps the bodies and headers short. */
        public Answer {
            body = body == null ? "" : body;
            retryAfter = retryAfter == null ? null : retryAfter.substring(0, Math.min(64, retryAfter.length()));
        }

        /**
         * @param error why there was no answer
         * @return an answer that is none
         */
        public static Answer none(String error) {
            return new Answer(0, "", null, error);
        }
    }
}

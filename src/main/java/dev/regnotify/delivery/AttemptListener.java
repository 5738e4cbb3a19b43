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
}

package dev.regnotify.delivery;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Sends an envelope until the receiver takes it, pacing attempts with a {@link RetrySchedule}, so that events are
 * delivered in order and none is skipped. Gives up only when the endpoint is closed past its drain deadline. Logs
 * the first failure of a streak as a warning, the rest at debug level, and the recovery.
 *
 * @since 0.1
 */
public final class RetryingSink implements Sink {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.delivery");

    private final Sink inner;
    private final RetrySchedule policy;
    private final StopSignal stop;
    private final String endpoint;

    RetryingSink(Sink inner, RetrySchedule policy, StopSignal stop, String endpoint) {
        this.inner = inner;
        this.policy = policy;
        this.stop = stop;
        this.endpoint = endpoint;
    }

    @Override
    public void send(Envelope envelope) throws DeliveryException, InterruptedException {
        while (true) {
            Duration delay = policy.delay();
            if (stop.isAbandoned() || (!delay.isZero() && stop.await(delay))) {
                throw new DeliveryAbandonedException("endpoint " + endpoint + " closed after "
                        + policy.consecutiveFailures() + " failed attempts");
            }
            try {
                inner.send(envelope);
                if (policy.consecutiveFailures() > 0) {
                    LOG.log(Level.INFO, "RN-303 endpoint {0} delivers again after {1} failed attempts", endpoint,
                            LogNumbers.plain(policy.consecutiveFailures()));
                }
                policy.succeeded();
                return;
            } catch (DeliveryException e) {
                policy.failed(e.retryAfter().orElse(null));
                Level level = policy.consecutiveFailures() == 1 ? Level.WARNING : Level.DEBUG;
                LOG.log(level, "RN-302 endpoint {0}: attempt {1} failed, {2} events kept: {3}", endpoint,
                        LogNumbers.plain(policy.consecutiveFailures()), LogNumbers.plain(envelope.events()),
                        e.getMessage());
            }
        }
    }

    @Override
    public void abort() {
        inner.abort();
    }

    @Override
    public void close() {
        inner.close();
    }
}

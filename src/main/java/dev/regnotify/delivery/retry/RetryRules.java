package dev.regnotify.delivery.retry;

import java.time.Instant;

import dev.regnotify.config.RetryConfig;

/**
 * The rules that decide what follows a failed attempt at an envelope, as functions of the failure and the attempts
 * so far: no state, no clock, no I/O, so that each rule is tested alone. The pacing of the next attempt is the
 * {@link RetrySchedule}'s; {@link RetryingSender} applies both.
 */
public final class RetryRules {

    /** What a failed attempt leads to, before the attempts are counted. */
    public enum Failure {
        /** The receiver is gone (410) and the exponential policy says so: the endpoint waits until enabled. */
        DISABLE,
        /** One event may be what the receiver refuses: the envelope is sent again in halves. */
        SPLIT,
        /** Counts against the envelope's attempts: retried, or a dead letter once they end. */
        COUNTED
    }

    private RetryRules() {
    }

    /**
     * @param retry the endpoint's retry configuration
     * @param status the receiver's status, or 0 if it gave none (unreachable, timed out)
     * @param events how many events the envelope holds
     * @return what the failure leads to
     */
    public static Failure classify(RetryConfig retry, int status, int events) {
        if (status == 410 && retry.disablesOnGone()) {
            return Failure.DISABLE;
        }
        if (retry.bounded() && events > 1 && refusedAsBad(status)) {
            return Failure.SPLIT;
        }
        return Failure.COUNTED;
    }

    /**
     * A refusal that splitting can help with: one event of the envelope can be what the receiver refuses (a malformed
     * request, one too large, content it cannot process). Others (401, 403, 404, 405, 409, ...) are about the request
     * as a whole, the credentials or the URL: every half would be refused alike, so splitting only multiplies requests
     * and dead letters.
     */
    public static boolean refusedAsBad(int status) {
        return status == 400 || status == 413 || status == 422;
    }

    /**
     * @param retry the endpoint's retry configuration
     * @param attempts the envelope's attempts so far, the failed one included
     * @param first when its first attempt began
     * @param next when its next attempt would begin
     * @return whether its attempts have ended: {@code maxattempts} made, or the next would begin after {@code maxage}
     */
    public static boolean exhausted(RetryConfig retry, int attempts, Instant first, Instant next) {
        return (retry.maxAttempts() > 0 && attempts >= retry.maxAttempts())
                || (!retry.maxAge().isZero() && next.isAfter(first.plus(retry.maxAge())));
    }
}

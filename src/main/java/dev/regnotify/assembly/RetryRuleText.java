package dev.regnotify.assembly;

import java.time.Duration;

import dev.regnotify.config.Durations;
import dev.regnotify.config.RetryConfig;

/**
 * An endpoint's retry rule in force, in words, for the line that says it at start ({@code RN-316}): a {@code retry}
 * block changes how attempts are paced and whether they end, which the configuration alone does not show at a glance.
 */
final class RetryRuleText {

    private RetryRuleText() {
    }

    static String of(RetryConfig retry) {
        return pacing(retry) + "; " + bounds(retry);
    }

    private static String pacing(RetryConfig retry) {
        if (retry.policy() == RetryConfig.Policy.DISTRIBUTION) {
            return "distribution's rule: " + retry.threshold() + " failures in a row are retried at once, then one "
                    + "attempt every " + Durations.format(retry.backoff());
        }
        String max = Durations.format(retry.maxDelay());
        return "the exponential policy: a random wait of up to " + Durations.format(retry.initialDelay())
                + " after the first failure, doubling with each failure in a row up to " + max + ", a Retry-After on "
                + "429 or 503 honoured up to " + max + ", 410 Gone disables the endpoint (threshold and backoff are "
                + "not used)";
    }

    private static String bounds(RetryConfig retry) {
        Duration maxAge = retry.maxAge();
        if (retry.maxAttempts() == 0 && maxAge.isZero()) {
            return "attempts never end";
        }
        if (maxAge.isZero()) {
            return "an envelope gets at most " + retry.maxAttempts() + " attempts, then becomes a dead letter";
        }
        String age = "no attempt later than " + Durations.format(maxAge) + " after an envelope's first";
        if (retry.maxAttempts() == 0) {
            return age + ", then it becomes a dead letter";
        }
        return "an envelope gets at most " + retry.maxAttempts() + " attempts, and " + age + ", then it becomes a dead "
                + "letter";
    }
}

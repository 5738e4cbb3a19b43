package dev.regnotify.delivery;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.deadletter.DeadLetterDesk;
import dev.regnotify.delivery.retry.RetrySchedule;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * What one delivery loop sends with (the endpoint's loop, or one lane's): an envelope builder and a retrying sender of
 * its own, since each keeps state of the loop's (a skipped event's count, a retry schedule).
 */
record SendingParts(EnvelopeBuilder builder, RetryingSender sender) {

    static SendingParts of(EndpointState state, DeadLetterDesk deadLetters, EnvelopeFormat format, Sink transport) {
        EndpointConfig config = state.config();
        EnvelopeBuilder builder = new EnvelopeBuilder(format, config.envelope().batch(), config.name(),
                () -> state.counters().skipped(1));
        return new SendingParts(builder, new RetryingSender(state, deadLetters, builder, transport,
                RetrySchedule.of(config, System::nanoTime)));
    }
}

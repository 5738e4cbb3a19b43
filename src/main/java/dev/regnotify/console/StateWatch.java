package dev.regnotify.console;

/**
 * Tells an endpoint with events to send delivering from backing off by how its counters moved since the last look:
 * new successes, delivering; new failures and no success, backing off; no movement, as before. Until the attempt log
 * says it exactly, this is as good as counters allow. Thread-safe.
 */
final class StateWatch {

    private long successes = -1;
    private long failed;
    private boolean backingOff;

    synchronized DeliveryState look(boolean disabled, long pending, long nowSucceeded, long nowFailed) {
        if (successes < 0) {
            backingOff = nowFailed > 0 && nowSucceeded == 0;
        } else if (nowSucceeded > successes) {
            backingOff = false;
        } else if (nowFailed > failed) {
            backingOff = true;
        }
        successes = nowSucceeded;
        failed = nowFailed;
        if (disabled) {
            return DeliveryState.DISABLED;
        }
        if (pending == 0) {
            return DeliveryState.IDLE;
        }
        return backingOff ? DeliveryState.BACKING_OFF : DeliveryState.DELIVERING;
    }
}

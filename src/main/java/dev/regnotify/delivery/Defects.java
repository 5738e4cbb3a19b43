package dev.regnotify.delivery;

/**
 * What an endpoint's threads do with a failure that is not the receiver's: anything thrown that leaves the JVM
 * usable is a defect to log and get past (an endpoint never stops delivering for good); what does not is let go.
 */
final class Defects {

    private Defects() {
    }

    /**
     * @param failure what was thrown
     * @return whether the thread must let it go: an error of the virtual machine itself, other than running out of
     *         memory or stack (those unwind: one huge allocation or a deep recursion failed, and the next attempt may
     *         not)
     */
    static boolean fatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof OutOfMemoryError)
                && !(failure instanceof StackOverflowError);
    }
}

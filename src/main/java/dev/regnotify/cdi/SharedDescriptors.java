package dev.regnotify.cdi;

import dev.regnotify.registry.Descriptor;

/**
 * One instance of each descriptor recently seen, given to the events instead of the equal one the storage returned:
 * a registry pulls the same layers and manifests over and over, and a storage makes a new descriptor, digest and hex
 * string each time (160 of the 350 bytes an event held in an endpoint's queue). Direct-mapped and bounded: a slot
 * per digest prefix, the newest one kept, so its memory is fixed (at most {@value #SLOTS} descriptors) and a lookup
 * is a few comparisons. Racy on purpose: a descriptor is immutable, so a thread that misses another's write only
 * keeps its own instance.
 */
final class SharedDescriptors {

    private static final int SLOTS = 1024;

    private final Descriptor[] slots = new Descriptor[SLOTS];

    /** @return an equal descriptor seen before, or this one (null for null), kept for the next */
    Descriptor share(Descriptor descriptor) {
        if (descriptor == null) {
            return null; // the event's constructor refuses it, where the emitter logs it
        }
        String hex = descriptor.digest().hex();
        int slot = prefix(hex) & (SLOTS - 1);
        Descriptor seen = slots[slot];
        if (descriptor.equals(seen)) {
            return seen;
        }
        slots[slot] = descriptor;
        return descriptor;
    }

    /** The first three hex digits: a digest is a hash, so they spread evenly. */
    private static int prefix(String hex) {
        return digit(hex.charAt(0)) << 8 | digit(hex.charAt(1)) << 4 | digit(hex.charAt(2));
    }

    private static int digit(char c) {
        return c <= '9' ? c - '0' : c - 'a' + 10;
    }
}

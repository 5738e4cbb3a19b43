package dev.regnotify.storage;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.DigestMismatchException;
import dev.regnotify.registry.SizeMismatchException;

/** The check a commit makes: the content received against what the client announced. */
final class Verification {

    private Verification() {
    }

    /**
     * @return the descriptor to store: the provisional one, now verified
     * @throws SizeMismatchException if the sizes differ (checked first: it is cheaper to explain)
     * @throws DigestMismatchException if the digests differ
     */
    static Descriptor verify(Descriptor provisional, long size, Digest digest) {
        if (provisional.size() != size) {
            throw new SizeMismatchException(provisional.size(), size);
        }
        if (!provisional.digest().equals(digest)) {
            throw new DigestMismatchException(provisional.digest(), digest);
        }
        return provisional;
    }
}

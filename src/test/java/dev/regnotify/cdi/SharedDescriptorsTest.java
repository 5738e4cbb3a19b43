package dev.regnotify.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;

class SharedDescriptorsTest {

    private static Descriptor descriptor(String mediaType, long size, byte content) {
        // a new digest and hex string each time, as a storage makes them
        return new Descriptor(mediaType, size, Digest.of(new byte[] {content}));
    }

    @Test
    void anEqualDescriptorIsGivenTheInstanceSeenFirst() {
        SharedDescriptors shared = new SharedDescriptors();
        Descriptor first = descriptor(MediaTypes.OCTET_STREAM, 1, (byte) 1);
        assertSame(first, shared.share(first));
        assertSame(first, shared.share(descriptor(MediaTypes.OCTET_STREAM, 1, (byte) 1)));
    }

    @Test
    void aDescriptorThatDiffersInAnyFieldIsItsOwn() {
        SharedDescriptors shared = new SharedDescriptors();
        Descriptor first = shared.share(descriptor(MediaTypes.OCTET_STREAM, 1, (byte) 1));
        for (Descriptor other : new Descriptor[] {descriptor(MediaTypes.OCI_LAYER_GZIP, 1, (byte) 1),
            descriptor(MediaTypes.OCTET_STREAM, 2, (byte) 1), descriptor(MediaTypes.OCTET_STREAM, 1, (byte) 2)}) {
            assertSame(other, shared.share(other));
            assertNotSame(first, other);
        }
    }

    @Test
    void aSlotKeepsTheNewestAndEveryAnswerEqualsTheQuestion() {
        SharedDescriptors shared = new SharedDescriptors();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5000; i++) {
                Descriptor asked = descriptor(MediaTypes.OCTET_STREAM, i, (byte) i);
                assertEquals(asked, shared.share(asked));
            }
        }
        assertNull(shared.share(null));
    }
}

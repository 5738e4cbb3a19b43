package dev.regnotify.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array for in-memory uploads. Not thread-safe: one writer owns an upload at a time. */
final class ChunkBuffer {

    private byte[] bytes = new byte[256];
    private int size;

    void append(ByteBuffer chunk) {
        int length = chunk.remaining();
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        chunk.get(bytes, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}

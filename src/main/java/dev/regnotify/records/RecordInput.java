package dev.regnotify.records;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a record's fields from its bytes in place: what {@link DataInputStream} over a {@link ByteArrayInputStream}
 * did, without its synchronized reads and the copy of every string's bytes, which were a fifth of a delivering
 * instance's CPU. Big-endian numbers, as {@link java.io.DataOutputStream} writes them. One reader per record, on one
 * thread.
 */
final class RecordInput {

    private final byte[] bytes;
    private final int end;
    private int position;

    /**
     * @param bytes what holds the record
     * @param from where it starts
     * @param end where it ends (exclusive)
     */
    RecordInput(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.position = from;
        this.end = end;
    }

    /** @return how many bytes are left */
    int available() {
        return end - position;
    }

    int readUnsignedByte() throws IOException {
        need(1);
        return bytes[position++] & 0xFF;
    }

    int readInt() throws IOException {
        need(Integer.BYTES);
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    long readLong() throws IOException {
        need(Long.BYTES);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    /** @return a string written as its length (a varint) and its UTF-8 bytes (record version 2) */
    String readText() throws IOException {
        int length = readLength();
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** @return a string written by {@link java.io.DataOutputStream#writeUTF} (record version 1) */
    String readUtf() throws IOException {
        need(2);
        int length = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        need(2 + length);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, position, 2 + length))) {
            String text = in.readUTF();
            position += 2 + length;
            return text;
        }
    }

    /** @return the bytes of a field written as its length (a varint) and its bytes, to be read on their own */
    RecordInput readField() throws IOException {
        int length = readLength();
        RecordInput field = new RecordInput(bytes, position, position + length);
        position += length;
        return field;
    }

    /** A varint of at most 5 bytes, within what is left. */
    private int readLength() throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 28) {
                throw new IOException("a length takes more than 5 bytes");
            }
            int b = readUnsignedByte();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length < 0 || length > available()) {
            throw new IOException("a field of " + length + " bytes is longer than the record");
        }
        return length;
    }

    private void need(int count) throws EOFException {
        if (end - position < count) {
            throw new EOFException("the record ends " + (count - (end - position)) + " bytes early");
        }
    }
}

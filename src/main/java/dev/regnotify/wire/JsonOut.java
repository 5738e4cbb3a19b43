package dev.regnotify.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A compact JSON writer into bytes, for the one document shape this library writes on the delivery path: objects and
 * arrays of strings and numbers. Strings are escaped as JSON-P's writer (Parsson) escapes them, which the tests check
 * against it: {@code "}, {@code \}, and the control characters below U+0020. Measured at a fifth of the cost of a
 * JSON-P generator per event (which makes a writer, buffers and a charset encoder per document). Not thread-safe.
 */
final class JsonOut {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int size;
    // per open object or array, whether the next member needs a comma before it, and where it started (to close it
    // with the right bracket); the documents written are four levels deep at most
    private final boolean[] comma = new boolean[16];
    private final int[] openedAt = new int[16];
    private int depth;

    JsonOut(int capacity) {
        bytes = new byte[capacity];
    }

    JsonOut writeStartObject() {
        separate();
        return open('{');
    }

    JsonOut writeStartObject(String name) {
        name(name);
        return open('{');
    }

    JsonOut writeStartArray(String name) {
        name(name);
        return open('[');
    }

    JsonOut writeEnd() {
        byte close = bytes[openedAt[--depth]] == '{' ? (byte) '}' : (byte) ']';
        append(close);
        return this;
    }

    JsonOut write(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    JsonOut write(String name, long value) {
        name(name);
        ascii(Long.toString(value));
        return this;
    }

    /** Writes a member whose value is JSON already (from this writer), as it is. */
    JsonOut writeRaw(String name, byte[] json) {
        name(name);
        ensure(json.length);
        System.arraycopy(json, 0, bytes, size, json.length);
        size += json.length;
        return this;
    }

    /** @return the JSON fragments, separated by commas, between an opening and a closing */
    static byte[] join(byte[] open, List<byte[]> parts, byte[] close) {
        int size = open.length + close.length + Math.max(0, parts.size() - 1);
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] out = new byte[size];
        System.arraycopy(open, 0, out, 0, open.length);
        int at = open.length;
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            byte[] part = parts.get(i);
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        System.arraycopy(close, 0, out, at, close.length);
        return out;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private JsonOut open(char bracket) {
        openedAt[depth] = size;
        append((byte) bracket);
        comma[++depth] = false;
        return this;
    }

    private void separate() {
        if (depth > 0) {
            if (comma[depth]) {
                append((byte) ',');
            }
            comma[depth] = true;
        }
    }

    private void name(String name) {
        separate();
        string(name);
        append((byte) ':');
    }

    /**
     * Every character that needs escaping is ASCII, and no byte of a multi-byte UTF-8 sequence is: so the string is
     * encoded first (an intrinsic for the common ASCII case) and its bytes scanned, in one pass each.
     */
    /**
     * Most strings of a notification are ASCII with nothing to escape (ids, digests, names, media types): written char
     * by char, without the copy {@link String#getBytes} makes, which was the largest part of encoding (JFR).
     */
    private void string(String value) {
        int length = value.length();
        ensure(length + 2);
        int at = size;
        bytes[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                escapedString(value); // nothing is written until size moves: the general way from the start
                return;
            }
            bytes[at++] = (byte) c;
        }
        bytes[at++] = '"';
        size = at;
    }

    /** A string with characters to escape, or beyond ASCII. */
    private void escapedString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 2);
        bytes[size++] = '"';
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b >= 0 && (b < 0x20 || b == '"' || b == '\\')) {
                copy(utf8, from, i);
                escape(b);
                from = i + 1;
            }
        }
        copy(utf8, from, utf8.length);
        append((byte) '"');
    }

    private void copy(byte[] from, int start, int end) {
        int length = end - start;
        ensure(length);
        System.arraycopy(from, start, bytes, size, length);
        size += length;
    }

    private void escape(byte b) {
        ensure(6);
        bytes[size++] = '\\';
        switch (b) {
            case '"' -> bytes[size++] = '"';
            case '\\' -> bytes[size++] = '\\';
            case '\b' -> bytes[size++] = 'b';
            case '\f' -> bytes[size++] = 'f';
            case '\n' -> bytes[size++] = 'n';
            case '\r' -> bytes[size++] = 'r';
            case '\t' -> bytes[size++] = 't';
            default -> {
                bytes[size++] = 'u';
                bytes[size++] = '0';
                bytes[size++] = '0';
                bytes[size++] = HEX[b >> 4];
                bytes[size++] = HEX[b & 0xF];
            }
        }
    }

    /** Appends text known to be ASCII. */
    private void ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size + i] = (byte) text.charAt(i);
        }
        size += length;
    }

    private void append(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}

package dev.regnotify.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    /**
     * A member's name made once: its quoted text and the colon, written as they are by the methods that take it (the
     * names of the delivery path's documents are constants, and scanning them for escapes each time was wasted).
     *
     * @param name a name with nothing to escape
     * @return the name's bytes, {@code "name":}
     */
    static byte[] key(String name) {
        JsonOut out = new JsonOut(name.length() + 3);
        out.string(name);
        out.append((byte) ':');
        return out.toByteArray();
    }

    /** Empties it, to write another document into the same buffer. */
    JsonOut reset() {
        size = 0;
        depth = 0;
        return this;
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
        number(value);
        return this;
    }

    JsonOut writeStartObject(byte[] key) {
        name(key);
        return open('{');
    }

    JsonOut writeStartArray(byte[] key) {
        name(key);
        return open('[');
    }

    JsonOut write(byte[] key, String value) {
        name(key);
        string(value);
        return this;
    }

    JsonOut write(byte[] key, long value) {
        name(key);
        number(value);
        return this;
    }

    /** Writes a string member made of two parts, such as a digest's algorithm and hex, without joining them first. */
    JsonOut write(byte[] key, String first, char between, String second) {
        name(key);
        if (between >= 0x80 || between < 0x20 || between == '"' || between == '\\' || !plain(first)
                || !plain(second)) {
            string(first + between + second);
            return this;
        }
        ensure(first.length() + second.length() + 3);
        bytes[size++] = '"';
        ascii(first);
        bytes[size++] = (byte) between;
        ascii(second);
        bytes[size++] = '"';
        return this;
    }

    /** Writes an instant as RFC 3339 ({@link Rfc3339}) straight into the buffer. */
    JsonOut writeTimestamp(byte[] key, Instant instant) {
        name(key);
        ensure(Rfc3339.MAX_LENGTH + 2);
        bytes[size++] = '"';
        size = Rfc3339.write(instant, bytes, size);
        bytes[size++] = '"';
        return this;
    }

    /** Writes a member whose value is JSON already (from this writer), as it is. */
    JsonOut writeRaw(byte[] key, byte[] json) {
        name(key);
        return raw(json);
    }

    /** Appends JSON already made (a whole member with its comma, or an element), as it is. */
    JsonOut raw(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, bytes, size, json.length);
        size += json.length;
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

    private void name(byte[] key) {
        separate();
        raw(key);
    }

    /** Digits of a long, without the string {@link Long#toString} makes. */
    private void number(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            append((byte) '-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
    }

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

    /** @return whether the text is ASCII with nothing to escape */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
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

package dev.regnotify.delivery.attempts;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

import dev.regnotify.events.Action;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.Digest;

/**
 * The summaries of an envelope's events in one array, in the attempt files' own encoding: per event its id, type,
 * action, repository and digest (each a length, {@code -1} for none, and UTF-8) and its time (seconds and nanos).
 * Made on the endpoint's thread before the envelope is sent, while the events are still in its caches; each summary is
 * made again when it is read. The ring keeps it without a reference to trace, and the files' writer copies it as it is
 * (read from the files, it is a slice of the record). Immutable.
 */
final class PackedSummaries extends AbstractList<EventSummary> implements RandomAccess {

    // what every event of a type or an action writes, encoded once
    private static final ClassValue<byte[]> TYPES = new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> type) {
            return type.getSimpleName().getBytes(StandardCharsets.UTF_8);
        }
    };
    private static final byte[][] ACTIONS = Arrays.stream(Action.values())
            .map(action -> action.wireName().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    private static final int TIME = Long.BYTES + Integer.BYTES;
    // the bytes of a summary with a UUID, a sha256 digest and a repository name of some thirty characters
    private static final int TYPICAL = 224;

    // the packed events are data[0, end): the array may be a little longer
    private final byte[] data;
    private final int end;
    // where each event starts in data
    private final int[] starts;

    private PackedSummaries(byte[] data, int end, int[] starts) {
        this.data = data;
        this.end = end;
        this.starts = starts;
    }

    /**
     * @return the summaries of the events, packed in an array of their size: measured first, then written, so that
     *         neither a buffer that grows nor a copy to trim it is made per envelope (with the UTF-8 arrays of each
     *         event's strings, they were a sixth of the delivery's allocation, JFR)
     */
    static PackedSummaries of(List<? extends RegistryEvent> events) {
        int[] starts = new int[events.size()];
        int size = 0;
        for (RegistryEvent event : events) {
            size += measure(event);
        }
        ByteBuffer out = ByteBuffer.wrap(new byte[size]);
        for (int i = 0; i < starts.length; i++) {
            starts[i] = out.position();
            put(out, events.get(i));
        }
        return new PackedSummaries(out.array(), out.position(), starts);
    }

    /** @return the summaries, packed; the same list if it is */
    static PackedSummaries pack(List<EventSummary> summaries) {
        if (summaries instanceof PackedSummaries packed) {
            return packed;
        }
        ByteBuffer out = ByteBuffer.allocate(summaries.size() * TYPICAL);
        int[] starts = new int[summaries.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = out.position();
            EventSummary summary = summaries.get(i);
            byte[][] fields = {utf8(summary.id()), utf8(summary.type()), utf8(summary.action()),
                utf8(summary.repository()), utf8(summary.digest())};
            out = ensure(out, Arrays.stream(fields).mapToInt(f -> f == null ? 0 : f.length).sum()
                    + 5 * Integer.BYTES + TIME);
            for (byte[] field : fields) {
                text(out, field);
            }
            out.putLong(summary.timestamp().getEpochSecond()).putInt(summary.timestamp().getNano());
        }
        return new PackedSummaries(trimmed(out), out.position(), starts);
    }

    /** @return the bytes written, in an array of their size, copied only if the buffer's is an eighth larger */
    private static byte[] trimmed(ByteBuffer out) {
        byte[] array = out.array();
        return array.length - out.position() > array.length / 8 ? Arrays.copyOf(array, out.position()) : array;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the bytes {@link #put} writes for the event */
    private static int measure(RegistryEvent event) {
        Digest digest = EventSummary.digestOf(event);
        String id = event.id();
        return 5 * Integer.BYTES + TIME + (isAscii(id) ? id.length() : id.getBytes(StandardCharsets.UTF_8).length)
                + TYPES.get(event.getClass()).length + ACTIONS[event.action().ordinal()].length
                + event.repository().toString().length()
                + (digest == null ? 0 : digest.algorithm().length() + 1 + digest.hex().length());
    }

    /**
     * Writes an event's summary where {@link #measure} made room for it. Repository names and digests are ASCII (their
     * grammars allow nothing else): their characters are their UTF-8; an id is checked.
     */
    private static void put(ByteBuffer out, RegistryEvent event) {
        String id = event.id();
        if (isAscii(id)) {
            ascii(out, id);
        } else {
            text(out, id.getBytes(StandardCharsets.UTF_8));
        }
        text(out, TYPES.get(event.getClass()));
        text(out, ACTIONS[event.action().ordinal()]);
        ascii(out, event.repository().toString());
        Digest digest = EventSummary.digestOf(event);
        if (digest == null) {
            out.putInt(-1);
        } else { // as its toString() is, without making it
            out.putInt(digest.algorithm().length() + 1 + digest.hex().length());
            chars(out, digest.algorithm());
            out.put((byte) ':');
            chars(out, digest.hex());
        }
        Instant time = event.timestamp();
        out.putLong(time.getEpochSecond()).putInt(time.getNano());
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Writes text known to be ASCII as {@link #text} writes its UTF-8. */
    private static void ascii(ByteBuffer out, String text) {
        out.putInt(text.length());
        chars(out, text);
    }

    /**
     * Copies ASCII text's characters as bytes: the one copy of a Latin-1 string into an array that the JDK offers,
     * deprecated because it drops the high byte of other characters, which ASCII has not.
     */
    @SuppressWarnings("deprecation")
    private static void chars(ByteBuffer out, String ascii) {
        ascii.getBytes(0, ascii.length(), out.array(), out.arrayOffset() + out.position());
        out.position(out.position() + ascii.length());
    }

    private static ByteBuffer ensure(ByteBuffer out, int more) {
        if (out.remaining() >= more) {
            return out;
        }
        return ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more)).put(out.flip());
    }

    private static void text(ByteBuffer out, byte[] utf8) {
        if (utf8 == null) {
            out.putInt(-1);
        } else {
            out.putInt(utf8.length).put(utf8);
        }
    }

    /** Writes the summaries as the attempt files keep them: how many, then the packed events. */
    ByteBuffer writeTo(ByteBuffer out) {
        return out.putInt(starts.length).put(data, 0, end);
    }

    /**
     * Reads what {@link #writeTo} wrote, checking every length.
     *
     * @throws IOException if it is not that
     */
    static PackedSummaries readFrom(ByteBuffer in) throws IOException {
        try {
            int count = in.getInt();
            if (count < 0 || count > in.remaining()) {
                throw new IOException("an attempt record with " + count + " events");
            }
            int from = in.position();
            int[] starts = new int[count];
            for (int i = 0; i < count; i++) {
                starts[i] = in.position() - from;
                for (int field = 0; field < 5; field++) {
                    int length = in.getInt();
                    if (length < -1 || length > in.remaining() || length == -1 && field < 4) {
                        throw new IOException("an attempt record with an event field of " + length + " bytes");
                    }
                    in.position(in.position() + Math.max(0, length));
                }
                in.position(in.position() + TIME);
            }
            return new PackedSummaries(Arrays.copyOfRange(in.array(), in.arrayOffset() + from,
                    in.arrayOffset() + in.position()), in.position() - from, starts);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("an attempt record whose events are cut short", e);
        }
    }

    @Override
    public EventSummary get(int index) {
        ByteBuffer in = ByteBuffer.wrap(data).position(starts[index]);
        String id = text(in);
        String type = text(in);
        String action = text(in);
        String repository = text(in);
        String digest = text(in);
        try {
            return new EventSummary(id, type, action, repository, digest,
                    Instant.ofEpochSecond(in.getLong(), in.getInt()));
        } catch (DateTimeException e) {
            throw new IllegalStateException("an event summary with a time out of range", e);
        }
    }

    @Override
    public int size() {
        return starts.length;
    }

    /** @return the events' ids, read from the array when they are read; immutable */
    List<String> ids() {
        return new Ids();
    }

    /** @return the index's hash of an event's id ({@link AttemptCodec#hash}), read from the array */
    long hash(int index) {
        int length = ByteBuffer.wrap(data).getInt(starts[index]);
        return AttemptCodec.hash(data, starts[index] + Integer.BYTES, length);
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    /** The ids, each a string when it is read; found by comparing bytes. */
    private final class Ids extends AbstractList<String> implements RandomAccess {

        @Override
        public String get(int index) {
            return text(ByteBuffer.wrap(data).position(starts[index]));
        }

        @Override
        public int size() {
            return starts.length;
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof String id)) {
                return false;
            }
            byte[] wanted = id.getBytes(StandardCharsets.UTF_8);
            for (int start : starts) {
                int length = ByteBuffer.wrap(data).getInt(start);
                int from = start + Integer.BYTES;
                if (Arrays.equals(data, from, from + length, wanted, 0, wanted.length)) {
                    return true;
                }
            }
            return false;
        }
    }
}

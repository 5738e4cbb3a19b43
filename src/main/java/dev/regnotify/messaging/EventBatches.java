package dev.regnotify.messaging;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.regnotify.events.RegistryEvent;
import dev.regnotify.records.EventRecords;
import dev.regnotify.wire.EnvelopeFormat;

/**
 * How events travel through the broker: each as its {@link EventRecords} record, the journal's format (independent of
 * any endpoint's wire shape, so that the delivering instance encodes them as its endpoint wants), several in one
 * message: {@code [count:4]} then {@code [length:4][record]} per event.
 */
public final class EventBatches implements EnvelopeFormat {

    /** The content type of a batch, for what it is worth: it never reaches a receiver. */
    public static final String CONTENT_TYPE = "application/vnd.regnotify.event-records";

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(RegistryEvent event) {
        return EventRecords.encode(event);
    }

    @Override
    public byte[] envelope(List<byte[]> encodedEvents) {
        int size = Integer.BYTES;
        for (byte[] event : encodedEvents) {
            size += Integer.BYTES + event.length;
        }
        ByteBuffer batch = ByteBuffer.allocate(size).putInt(encodedEvents.size());
        for (byte[] event : encodedEvents) {
            batch.putInt(event.length).put(event);
        }
        return batch.array();
    }

    @Override
    public int overhead() {
        return Integer.BYTES;
    }

    /**
     * Cuts a batch into batches of at most {@code maxEvents} events and {@code maxBytes} bytes each (a larger event
     * alone), in order, without decoding the events: the same batch always gives the same pieces.
     *
     * @param batch what {@link #envelope} made
     * @param maxEvents the most events per piece
     * @param maxBytes the most bytes per piece, unless one event is larger
     * @return the pieces, in order
     * @throws IllegalArgumentException if it is not such a batch
     */
    public static List<byte[]> split(byte[] batch, int maxEvents, int maxBytes) {
        ByteBuffer in = ByteBuffer.wrap(batch);
        int count = count(in);
        List<byte[]> pieces = new ArrayList<>();
        // the records of a piece lie one after the other in the batch: a piece is its count and one copy of them
        int first = in.position();
        int events = 0;
        for (int i = 0; i < count; i++) {
            int start = in.position();
            int length = recordLength(in);
            if (events > 0 && (events == maxEvents
                    || Integer.BYTES + (start - first) + Integer.BYTES + length > maxBytes)) {
                pieces.add(piece(batch, events, first, start));
                first = start;
                events = 0;
            }
            in.position(in.position() + length);
            events++;
        }
        if (events > 0) {
            pieces.add(piece(batch, events, first, in.position()));
        }
        return pieces;
    }

    /**
     * @param batch what {@link #envelope} made
     * @return its events, in order
     * @throws IllegalArgumentException if it is not such a batch
     */
    public static List<RegistryEvent> decode(byte[] batch) {
        ByteBuffer in = ByteBuffer.wrap(batch);
        int count = count(in);
        List<RegistryEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = recordLength(in);
            events.add(EventRecords.decode(batch, in.position(), length));
            in.position(in.position() + length);
        }
        return events;
    }

    /** @return the batch's count of events, checked against its size */
    private static int count(ByteBuffer in) {
        if (in.remaining() < Integer.BYTES) {
            throw new IllegalArgumentException("not a batch of events: " + in.remaining() + " bytes");
        }
        int count = in.getInt();
        if (count < 0 || count > in.capacity() / Integer.BYTES) {
            throw new IllegalArgumentException("a batch of events cannot hold " + count + " events in "
                    + in.capacity() + " bytes");
        }
        return count;
    }

    /** @return the length of the record that follows, which it checks is within the batch */
    private static int recordLength(ByteBuffer in) {
        if (in.remaining() < Integer.BYTES) {
            throw new IllegalArgumentException("not a batch of events: it ends before its count of events");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("not a batch of events: a record of " + length + " bytes where "
                    + in.remaining() + " are left");
        }
        return length;
    }

    private static byte[] piece(byte[] batch, int events, int from, int to) {
        return ByteBuffer.allocate(Integer.BYTES + to - from).putInt(events).put(batch, from, to - from).array();
    }
}

package dev.regnotify.messaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(encodedEvents.size());
            for (byte[] event : encodedEvents) {
                out.writeInt(event.length);
                out.write(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte array
        }
        return bytes.toByteArray();
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
        List<byte[]> pieces = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(batch))) {
            int count = in.readInt();
            if (count < 0 || count > batch.length / Integer.BYTES) {
                throw new IllegalArgumentException("a batch of events cannot hold " + count + " events in "
                        + batch.length + " bytes");
            }
            List<byte[]> piece = new ArrayList<>();
            int bytes = Integer.BYTES;
            for (int i = 0; i < count; i++) {
                byte[] record = in.readNBytes(in.readInt());
                if (!piece.isEmpty() && (piece.size() == maxEvents
                        || bytes + Integer.BYTES + record.length > maxBytes)) {
                    pieces.add(new EventBatches().envelope(piece));
                    piece = new ArrayList<>();
                    bytes = Integer.BYTES;
                }
                piece.add(record);
                bytes += Integer.BYTES + record.length;
            }
            if (!piece.isEmpty()) {
                pieces.add(new EventBatches().envelope(piece));
            }
            return pieces;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a batch of events: " + e.getMessage(), e);
        }
    }

    /**
     * @param batch what {@link #envelope} made
     * @return its events, in order
     * @throws IllegalArgumentException if it is not such a batch
     */
    public static List<RegistryEvent> decode(byte[] batch) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(batch))) {
            int count = in.readInt();
            if (count < 0 || count > batch.length / Integer.BYTES) {
                throw new IllegalArgumentException("a batch of events cannot hold " + count + " events in "
                        + batch.length + " bytes");
            }
            List<RegistryEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                events.add(EventRecords.decode(in.readNBytes(length)));
            }
            return events;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a batch of events: " + e.getMessage(), e);
        }
    }
}

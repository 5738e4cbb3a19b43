package dev.regnotify.messaging;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

/**
 * What a delivering instance says on the deliverers' topic: that it is there, which endpoints it delivers and on
 * which it holds a consumer now, or that it leaves. Endpoint names and a random id only: nothing secret. A message
 * that is not one (another program on the topic, a later format) reads as null and is ignored.
 *
 * @param member the instance's id, new at each start
 * @param leaving whether it leaves (closes cleanly)
 * @param endpoints the endpoints it delivers; empty when leaving
 * @param holding the endpoints on whose queue it holds a consumer (consuming, or handing over what it received)
 */
record Heartbeat(String member, boolean leaving, Set<String> endpoints, Set<String> holding) {

    // the first byte: a later format gets a number of its own, which this one ignores
    private static final byte FORMAT = 1;
    // each name is at least its 4-byte length: a count above what the body can hold is no heartbeat
    private static final int LENGTH_BYTES = Integer.BYTES;

    Heartbeat {
        endpoints = Set.copyOf(endpoints);
        holding = Set.copyOf(holding);
    }

    /** @return the heartbeat of a member that leaves */
    static Heartbeat leaving(String member) {
        return new Heartbeat(member, true, Set.of(), Set.of());
    }

    /** @return this heartbeat as a message of the session */
    Message toMessage(Session session) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(encode());
        return message;
    }

    /** @return the message's body: the format, whether it leaves, its id, then both lists of names */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeBoolean(leaving);
            writeString(out, member);
            writeNames(out, endpoints);
            writeNames(out, holding);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static void writeNames(DataOutputStream out, Set<String> names) throws IOException {
        out.writeInt(names.size());
        for (String name : new TreeSet<>(names)) {
            writeString(out, name);
        }
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** @return the heartbeat the message holds, or null if it holds none */
    static Heartbeat of(Message message) throws JMSException {
        if (!(message instanceof BytesMessage bytes) || bytes.getBodyLength() > Integer.MAX_VALUE) {
            return null;
        }
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return decode(body);
    }

    /** @return the heartbeat the bytes hold, or null if they hold none */
    static Heartbeat decode(byte[] bytes) {
        ByteBuffer body = ByteBuffer.wrap(bytes);
        if (body.remaining() < 2 + LENGTH_BYTES || body.get() != FORMAT) {
            return null;
        }
        boolean leaving = body.get() != 0;
        String member = readString(body);
        Set<String> endpoints = readNames(body);
        Set<String> holding = readNames(body);
        if (member == null || member.isEmpty() || endpoints == null || holding == null || body.hasRemaining()) {
            return null;
        }
        return new Heartbeat(member, leaving, endpoints, holding);
    }

    private static Set<String> readNames(ByteBuffer body) {
        if (body.remaining() < Integer.BYTES) {
            return null;
        }
        int count = body.getInt();
        if (count < 0 || count > body.remaining() / LENGTH_BYTES) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            String name = readString(body);
            if (name == null) {
                return null;
            }
            names.add(name);
        }
        return names;
    }

    private static String readString(ByteBuffer body) {
        if (body.remaining() < LENGTH_BYTES) {
            return null;
        }
        int length = body.getInt();
        if (length < 0 || length > body.remaining()) {
            return null;
        }
        byte[] bytes = new byte[length];
        body.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

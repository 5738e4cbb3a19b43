package dev.regnotify.cdi;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids: UUID version 7 (RFC 9562), time-ordered like distribution 3's. The random bits come from
 * {@link ThreadLocalRandom}, not {@code SecureRandom}: ids must be unique, not secret, and the registry operation's
 * thread must not wait on an entropy pool. 74 random bits per millisecond make a collision beyond reach.
 */
final class EventIds {

    private EventIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}

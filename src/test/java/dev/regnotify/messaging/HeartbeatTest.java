package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What a member says on the deliverers' topic, and what it makes of what it hears. */
class HeartbeatTest {

    @Test
    void aHeartbeatReadsBackAsWritten() {
        Heartbeat beat = new Heartbeat("3f0c", false, Set.of("scans", "audit", "ünïcode name"), Set.of("audit"));
        assertEquals(beat, Heartbeat.decode(beat.encode()));
        Heartbeat leaving = Heartbeat.leaving("3f0c");
        assertEquals(leaving, Heartbeat.decode(leaving.encode()));
        assertTrue(Heartbeat.decode(leaving.encode()).leaving());
    }

    /** Another program's message on the topic, or a later format, is ignored rather than misread. */
    @Test
    void whatIsNoHeartbeatReadsAsNothing() {
        byte[] good = new Heartbeat("id", false, Set.of("a", "b"), Set.of("a")).encode();
        for (int length = 0; length < good.length; length++) {
            assertNull(Heartbeat.decode(Arrays.copyOf(good, length)), "cut at " + length);
        }
        assertNull(Heartbeat.decode(Arrays.copyOf(good, good.length + 1)), "a byte too many");
        byte[] later = good.clone();
        later[0] = 2;
        assertNull(Heartbeat.decode(later), "a later format");
        byte[] huge = good.clone();
        huge[6 + 2] = 0x7f; // the first list's count, after the format, the flag and the 4+2 bytes of the id
        assertNull(Heartbeat.decode(huge), "a count the body cannot hold");
        assertNull(Heartbeat.decode(new Heartbeat("", false, Set.of(), Set.of()).encode()), "no id");
    }

    @Test
    void peersAreKeptUntilTheyLeaveOrAreNotHeardForTheExpiry() {
        Peers peers = new Peers(3_000);
        assertTrue(peers.heard(new Heartbeat("a", false, Set.of("x"), Set.of()), 0), "a newcomer");
        assertFalse(peers.heard(new Heartbeat("a", false, Set.of("x"), Set.of()), 1_000), "the same again");
        assertTrue(peers.heard(new Heartbeat("a", false, Set.of("x"), Set.of("x")), 1_500), "it holds x now");
        assertEquals(Set.of("x"), peers.holding());
        assertTrue(peers.heard(new Heartbeat("b", false, Set.of("x", "y"), Set.of()), 2_000));
        assertFalse(peers.expire(4_499), "a was heard 2,999 ago");
        assertTrue(peers.expire(4_500), "a was not heard for the expiry");
        assertFalse(peers.knows("a"));
        assertEquals(Set.of(), peers.holding(), "what a gone peer held is free");
        assertTrue(peers.heard(Heartbeat.leaving("b"), 4_600), "b leaves");
        assertEquals(0, peers.size());
        assertFalse(peers.heard(Heartbeat.leaving("c"), 4_700), "a stranger's leave changes nothing");
    }
}

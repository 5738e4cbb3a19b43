package dev.regnotify.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreVersion7UuidsUniqueAndTimeOrderedByMillisecond() {
        Set<String> ids = new HashSet<>();
        long before = System.currentTimeMillis();
        for (int i = 0; i < 100_000; i++) {
            ids.add(EventIds.next());
        }
        long after = System.currentTimeMillis();
        assertEquals(100_000, ids.size());
        UUID sample = UUID.fromString(ids.iterator().next());
        assertEquals(7, sample.version());
        assertEquals(2, sample.variant());
        long millis = sample.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, millis + " not in [" + before + ", " + after + "]");
    }
}

package dev.regnotify.config;

import static dev.regnotify.config.ConfigParserTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code notifications.deliverythreads}: its default, its bounds, errors by key path. */
class DeliveryThreadsConfigTest {

    @Test
    void deliveryThreadsAreSixtyFourUnlessConfigured() {
        assertEquals(64, RegnotifyConfig.parse("{\"notifications\":{}}").deliveryThreads());
        assertEquals(64, RegnotifyConfig.DEFAULT.deliveryThreads());
        assertEquals(8, RegnotifyConfig.parse("{\"notifications\":{\"deliverythreads\":8}}").deliveryThreads());
        assertEquals(8, RegnotifyConfig.DEFAULT.withDeliveryThreads(8).withDrainTimeout(java.time.Duration.ZERO)
                .deliveryThreads());
    }

    @Test
    void aBadNumberOfDeliveryThreadsIsNamedByItsKeyPath() {
        assertError("notifications.deliverythreads: 0 is out of range (expected 1 to 1024)",
                "{\"notifications\":{\"deliverythreads\":0}}");
        assertError("notifications.deliverythreads: 5000 is out of range (expected 1 to 1024)",
                "{\"notifications\":{\"deliverythreads\":5000}}");
        assertError("notifications.deliverythreads: expected a whole number, got the string \"64\"",
                "{\"notifications\":{\"deliverythreads\":\"64\"}}");
        assertError("notifications.deliverythreads: expected a whole number, got the number 1.5",
                "{\"notifications\":{\"deliverythreads\":1.5}}");
        assertThrows(IllegalArgumentException.class, () -> RegnotifyConfig.DEFAULT.withDeliveryThreads(0));
    }
}

package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.Cidr;
import dev.regnotify.config.ConfigException;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SubscriptionsConfig;

/** {@code notifications.subscriptions}: its three keys, their defaults, and errors that name the key. */
class SubscriptionsConfigTest {

    @Test
    void theKeysAreReadAndDefaulted() {
        SubscriptionsConfig read = RegnotifyConfig.parse("{\"notifications\":{\"subscriptions\":{\"file\":"
                + "\"/var/lib/registry/subscriptions.json\",\"allownetworks\":[\"127.0.0.0/8\",\"10.1.2.0/24\"],"
                + "\"max\":5}}}").subscriptions();
        assertEquals(new SubscriptionsConfig(Path.of("/var/lib/registry/subscriptions.json"),
                List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.1.2.0/24")), 5), read);
        SubscriptionsConfig defaults = RegnotifyConfig.parse("{}").subscriptions();
        assertNull(defaults.file());
        assertEquals(List.of(), defaults.allowNetworks());
        assertEquals(10_000, defaults.max());
    }

    @Test
    void badValuesNameTheirKey() {
        assertEquals("notifications.subscriptions.max", refused("{\"max\":0}"));
        assertEquals("notifications.subscriptions.allownetworks[0]", refused("{\"allownetworks\":[\"localhost\"]}"));
        assertEquals("notifications.subscriptions.file", refused("{\"file\":\" \"}"));
        assertEquals("notifications.subscriptions.maximum", refused("{\"maximum\":3}"));
    }

    private static String refused(String block) {
        return assertThrows(ConfigException.class, () -> RegnotifyConfig.parse("{\"notifications\":{"
                + "\"subscriptions\":" + block + "}}")).path();
    }
}

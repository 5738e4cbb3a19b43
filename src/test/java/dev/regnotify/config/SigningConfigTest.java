package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Standard Webhooks secrets: their form and their length, checked without ever quoting them. */
class SigningConfigTest {

    private static String secret(int keyBytes) {
        byte[] key = new byte[keyBytes];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (31 * i + 7);
        }
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String endpointSigningWith(String... secrets) {
        return "{\"notifications\":{\"endpoints\":[{\"name\":\"a\",\"url\":\"http://x/\",\"signing\":{\"secrets\":[\""
                + String.join("\",\"", secrets) + "\"]}}]}}";
    }

    @Test
    void keysOf24To64BytesAreAccepted() {
        for (int bytes : List.of(24, 32, 64)) {
            assertEquals(List.of(secret(bytes)), RegnotifyConfig.parse(endpointSigningWith(secret(bytes)))
                    .endpoints().get(0).signing().secrets());
        }
    }

    @Test
    void aKeyShorterThan24OrLongerThan64BytesIsRefusedByPositionWithoutItsValue() {
        for (int bytes : List.of(1, 16, 23, 65, 128)) {
            String tooShortOrLong = secret(bytes);
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> RegnotifyConfig.parse(endpointSigningWith(secret(32), tooShortOrLong)));
            assertEquals("notifications.endpoints[0].signing.secrets: secret 1 has a key of " + bytes + " bytes, "
                    + "where the Standard Webhooks specification asks for 24 to 64 (the value is not shown: it is a "
                    + "secret)", refused.getMessage());
            assertFalse(refused.getMessage().contains(tooShortOrLong.substring("whsec_".length(), 10)));
            assertThrows(IllegalArgumentException.class, () -> new SigningConfig(List.of(tooShortOrLong)),
                    "built in code, the same key is refused too");
        }
    }
}

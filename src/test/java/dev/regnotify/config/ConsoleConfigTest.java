package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.ConsoleConfig.Role;
import dev.regnotify.config.ConsoleConfig.Token;

/** {@code notifications.console}: its tokens and roles, from JSON and YAML; a token is never in an error. */
class ConsoleConfigTest {

    private static final String SECRET = "s3cret-console-token-42";

    @TempDir
    Path dir;

    private static String with(String console) {
        return "{\"notifications\": {\"console\": " + console + "}}";
    }

    @Test
    void tokensAndRolesAreRead() {
        RegnotifyConfig config = RegnotifyConfig.parse(with("{\"tokens\": [{\"token\": \"" + SECRET
                + "\", \"role\": \"operator\"}, {\"token\": \"viewer-token-0123456789\", \"role\": \"viewer\"}]}"));

        assertEquals(List.of(new Token(SECRET, Role.OPERATOR), new Token("viewer-token-0123456789", Role.VIEWER)),
                config.console().tokens());
        assertFalse(config.toString().contains(SECRET), config.toString());
        assertNull(RegnotifyConfig.parse("{}").console(), "no block: no console access");
        assertEquals(ConsoleConfig.operator(SECRET), RegnotifyConfig.DEFAULT.withConsole(ConsoleConfig.operator(
                SECRET)).withDrainTimeout(java.time.Duration.ZERO).console(), "kept by the with- methods");
    }

    @Test
    void distributionsYamlCarriesTheSameKeys() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yml"), "version: 0.1\nnotifications:\n  console:\n"
                + "    tokens:\n      - token: " + SECRET + "\n        role: viewer\n");
        assertEquals(List.of(new Token(SECRET, Role.VIEWER)), RegnotifyConfig.read(file).console().tokens());
    }

    private static ConfigException refused(String console) {
        ConfigException e = assertThrows(ConfigException.class, () -> RegnotifyConfig.parse(with(console)));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains("short-one"), e.getMessage());
        return e;
    }

    @Test
    void aWrongBlockNamesItsKeyPathAndNeverTheToken() {
        assertEquals("notifications.console.tokens[0].role", refused("{\"tokens\": [{\"token\": \"" + SECRET
                + "\", \"role\": \"admin\"}]}").path());
        assertEquals("notifications.console.tokens[0].role", refused("{\"tokens\": [{\"token\": \"" + SECRET
                + "\"}]}").path());
        assertEquals("notifications.console.tokens[0].token", refused("{\"tokens\": [{\"role\": \"viewer\"}]}")
                .path());
        ConfigException shortToken = refused("{\"tokens\": [{\"token\": \"short-one\", \"role\": \"viewer\"}]}");
        assertEquals("notifications.console.tokens[0].token", shortToken.path());
        assertTrue(shortToken.getMessage().contains("16"), shortToken.getMessage());
        assertEquals("notifications.console.tokens[1].token", refused("{\"tokens\": [{\"token\": \"" + SECRET
                + "\", \"role\": \"viewer\"}, {\"token\": \"" + SECRET + " x\", \"role\": \"viewer\"}]}").path());
        assertEquals("notifications.console.tokens", refused("{\"tokens\": [{\"token\": \"" + SECRET
                + "\", \"role\": \"viewer\"}, {\"token\": \"" + SECRET + "\", \"role\": \"operator\"}]}").path());
        assertEquals("notifications.console.users", refused("{\"users\": []}").path());
    }
}

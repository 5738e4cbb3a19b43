package dev.regnotify.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.config.ConsoleConfig.Role;
import dev.regnotify.config.ConsoleConfig.Token;

class ConsoleAccessTest {

    private static final String OPERATOR = "operator-token-0123456789";
    private static final String VIEWER = "viewer-token-0123456789ab";

    private final ConsoleAccess access = ConsoleAccess.of(ConsoleConfig.operator(OPERATOR)
            .with(new Token(VIEWER, Role.VIEWER)));

    @Test
    void eachTokenGivesItsRole() {
        assertEquals(Optional.of(Role.OPERATOR), access.roleOf("Bearer " + OPERATOR));
        assertEquals(Optional.of(Role.VIEWER), access.roleOf("bearer " + VIEWER), "the scheme's case is free");
    }

    @Test
    void anythingElseGivesNone() {
        assertEquals(Optional.empty(), access.roleOf(null));
        assertEquals(Optional.empty(), access.roleOf(OPERATOR), "no Bearer scheme");
        assertEquals(Optional.empty(), access.roleOf("Basic " + OPERATOR));
        assertEquals(Optional.empty(), access.roleOf("Bearer " + OPERATOR.substring(1)));
        assertEquals(Optional.empty(), access.roleOf("Bearer "));
        assertEquals(Optional.empty(), ConsoleAccess.of(null).roleOf("Bearer " + OPERATOR), "no token configured");
    }

    @Test
    void noTokenIsShown() {
        assertFalse(access.toString().contains(OPERATOR));
        ConsoleConfig config = ConsoleConfig.operator(OPERATOR);
        assertFalse(config.toString().contains(OPERATOR), config.toString());
        assertTrue(config.toString().contains("operator"));
    }
}

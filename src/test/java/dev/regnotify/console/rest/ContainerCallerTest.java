package dev.regnotify.console.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.Principal;
import java.util.Set;

import jakarta.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.console.ConsoleException;

/** The caller in a Jakarta EE server: the container's user and roles, and a browser's word on where it comes from. */
class ContainerCallerTest {

    private static final URI REQUEST = URI.create("https://registry.example.com/console/api/endpoints/a/disable");

    /** A security context with a user (or none) in the given roles. */
    private static SecurityContext user(String name, String... roles) {
        Set<String> in = Set.of(roles);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return name == null ? null : () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return in.contains(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return name == null ? null : SecurityContext.BASIC_AUTH;
            }
        };
    }

    private static ContainerCaller caller(SecurityContext security, String method) {
        return new ContainerCaller(security, method, null, null, REQUEST);
    }

    private static ConsoleException refusal(ContainerCaller caller) {
        return assertThrows(ConsoleException.class, caller::role);
    }

    @Test
    void noUserIsUnauthorizedAndTheMessageNamesBothRoles() {
        ConsoleException e = refusal(caller(user(null), "GET"));
        assertEquals(401, e.status());
        assertEquals("unauthorized", e.code());
        assertTrue(e.getMessage().contains("regnotify-viewer") && e.getMessage().contains("regnotify-operator"));
    }

    @Test
    void aUserInNeitherRoleIsForbidden() {
        ConsoleException e = refusal(caller(user("alice", "registry-admin"), "GET"));
        assertEquals(403, e.status());
        assertEquals("forbidden", e.code());
        assertFalse(e.getMessage().contains("alice"), "the message names roles, not the user");
    }

    @Test
    void theRolesAreTheContainersAndOperatorWinsOverViewer() {
        assertEquals(ConsoleConfig.Role.VIEWER, caller(user("v", ConsoleResource.VIEWER_ROLE), "POST").role());
        assertEquals(ConsoleConfig.Role.OPERATOR, caller(user("o", ConsoleResource.OPERATOR_ROLE), "GET").role());
        assertEquals(ConsoleConfig.Role.OPERATOR, caller(user("b", ConsoleResource.VIEWER_ROLE,
                ConsoleResource.OPERATOR_ROLE), "DELETE").role());
    }

    @Test
    void aChangeABrowserSendsFromAnotherSiteIsRefusedWhateverTheRole() {
        SecurityContext operator = user("o", ConsoleResource.OPERATOR_ROLE);
        for (String site : new String[] {"cross-site", "same-site", "Cross-Site"}) {
            ConsoleException e = refusal(new ContainerCaller(operator, "POST", site, null, REQUEST));
            assertEquals(403, e.status());
            assertEquals("cross-origin", e.code());
        }
        refusal(new ContainerCaller(operator, "DELETE", null, "https://attacker.example", REQUEST));
        refusal(new ContainerCaller(operator, "POST", null, "null", REQUEST));
    }

    @Test
    void theConsolesOwnPageAClientThatIsNoBrowserAndEveryReadAreLetIn() {
        SecurityContext operator = user("o", ConsoleResource.OPERATOR_ROLE);
        assertEquals(ConsoleConfig.Role.OPERATOR, new ContainerCaller(operator, "POST", "same-origin",
                "https://registry.example.com", REQUEST).role());
        assertEquals(ConsoleConfig.Role.OPERATOR, new ContainerCaller(operator, "POST", "none", null, REQUEST).role());
        assertEquals(ConsoleConfig.Role.OPERATOR, new ContainerCaller(operator, "POST", null, null, REQUEST).role());
        // behind a proxy that ends TLS: the same host, another scheme and port
        assertEquals(ConsoleConfig.Role.OPERATOR, new ContainerCaller(operator, "POST", null,
                "http://REGISTRY.example.com:8080", REQUEST).role());
        assertEquals(ConsoleConfig.Role.OPERATOR, new ContainerCaller(operator, "GET", "cross-site",
                "https://attacker.example", REQUEST).role());
    }
}

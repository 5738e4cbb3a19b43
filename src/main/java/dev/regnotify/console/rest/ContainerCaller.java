package dev.regnotify.console.rest;

import java.net.URI;
import java.util.Locale;

import jakarta.ws.rs.core.SecurityContext;

import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.console.ConsoleCaller;
import dev.regnotify.console.ConsoleException;

/**
 * The caller as the container authenticated them: role {@value ConsoleResource#OPERATOR_ROLE} is an operator,
 * {@value ConsoleResource#VIEWER_ROLE} a viewer. A request that may change something is refused when a browser says
 * it comes from another site: the container's credentials (BASIC, a session cookie) go with every request a browser
 * makes to the server, a form another site posts included, where a bearer token goes only where the page puts it.
 */
final class ContainerCaller implements ConsoleCaller {

    private final SecurityContext security;
    private final boolean changes;
    private final String fetchSite;
    private final String origin;
    private final URI request;

    /**
     * @param security the request's security context
     * @param method the request's method: any but {@code GET} and {@code HEAD} may change something
     * @param fetchSite the request's {@code Sec-Fetch-Site} header, or null
     * @param origin the request's {@code Origin} header, or null
     * @param request the request's URI, as the server took it
     */
    ContainerCaller(SecurityContext security, String method, String fetchSite, String origin, URI request) {
        this.security = security;
        this.changes = !method.equals("GET") && !method.equals("HEAD");
        this.fetchSite = fetchSite;
        this.origin = origin;
        this.request = request;
    }

    @Override
    public ConsoleConfig.Role role() {
        if (security.getUserPrincipal() == null) {
            throw new ConsoleException(401, "unauthorized", "sign in to the server as a user in role "
                    + ConsoleResource.VIEWER_ROLE + " or " + ConsoleResource.OPERATOR_ROLE);
        }
        ConsoleConfig.Role role;
        if (security.isUserInRole(ConsoleResource.OPERATOR_ROLE)) {
            role = ConsoleConfig.Role.OPERATOR;
        } else if (security.isUserInRole(ConsoleResource.VIEWER_ROLE)) {
            role = ConsoleConfig.Role.VIEWER;
        } else {
            throw new ConsoleException(403, "forbidden", "the user is in neither role " + ConsoleResource.VIEWER_ROLE
                    + " nor " + ConsoleResource.OPERATOR_ROLE);
        }
        if (changes && crossSite(fetchSite, origin, request)) {
            throw new ConsoleException(403, "cross-origin", "a request that changes something is taken only from "
                    + "the console's own page or from a client that is not a browser");
        }
        return role;
    }

    /**
     * @return whether a browser sent the request for a page of another site: so its {@code Sec-Fetch-Site} says
     *         (every current browser sends it); without it, its {@code Origin} names another host. A client that is
     *         no browser sends neither.
     */
    static boolean crossSite(String fetchSite, String origin, URI request) {
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            return !site.equals("same-origin") && !site.equals("none");
        }
        if (origin == null) {
            return false;
        }
        try {
            String host = URI.create(origin.trim()).getHost();
            // the host alone: behind a proxy that ends TLS the server may see another scheme and port than the page
            return host == null || request.getHost() == null || !host.equalsIgnoreCase(request.getHost());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}

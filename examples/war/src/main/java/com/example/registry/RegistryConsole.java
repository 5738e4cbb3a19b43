package com.example.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;

import dev.regnotify.console.rest.ConsoleResource;

/**
 * The notifications' console: the page at {@code /console/}, the API at {@code /console/api/}. Who may use it is
 * the server's business (WEB-INF/web.xml): role {@code regnotify-viewer} reads, {@code regnotify-operator} may also
 * replay, purge, enable and disable.
 */
@Path("/console")
@ApplicationScoped
public class RegistryConsole extends ConsoleResource {
}

package com.example.registry;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The application's one REST front, at the root: the registry's resources under {@code /api}, the console under
 * {@code /console} ({@link RegistryConsole}). One application, so that each resource is in it once.
 */
@ApplicationPath("/")
public class RegistryApplication extends Application {
}

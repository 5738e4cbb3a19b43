package com.example.registry;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The registry's REST front, under {@code /api}. */
@ApplicationPath("/api")
public class RegistryApplication extends Application {
}

package dev.regnotify.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The integration test's registry front: Jakarta REST under {@code /api}. Deployed in Payara Micro only. */
@ApplicationPath("/api")
public class RegistryApplication extends Application {
}

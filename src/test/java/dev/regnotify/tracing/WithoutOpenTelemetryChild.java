package dev.regnotify.tracing;

import java.net.URI;
import java.time.Duration;

import org.jboss.weld.environment.se.WeldContainer;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.events.EventContext;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.Images;
import dev.regnotify.testing.ProducedConfig;

/**
 * A registry on a class path without the OpenTelemetry API: says whether the API can be loaded and what tracing the
 * library chose, pushes one blob with a traceparent in its {@code EventContext}, and closes (which drains its
 * endpoint). Arguments: the endpoint's URL, the traceparent.
 */
public final class WithoutOpenTelemetryChild {

    private WithoutOpenTelemetryChild() {
    }

    public static void main(String[] args) {
        System.out.println("api " + (Tracing.present(WithoutOpenTelemetryChild.class.getClassLoader()) ? "present"
                : "absent"));
        System.out.println("tracing " + Tracing.detect());
        ProducedConfig.next = RegnotifyConfig.DEFAULT.withDrainTimeout(Duration.ofSeconds(20))
                .withEndpoint(EndpointConfig.of("plain", URI.create(args[0])));
        try (WeldContainer container = Containers.weld(Containers.withMemoryStorage())
                .addBeanClasses(ProducedConfig.class).initialize()) {
            BlobStore blobs = container.select(BlobStore.class).get();
            EventContext.of(null, null).withTrace(args[1], "rojo=1").run(() -> blobs.put(
                    RepositoryName.of("plain/app"), MediaTypes.OCTET_STREAM, Images.bytes("without OpenTelemetry")));
            System.out.println("pushed");
        }
        System.out.println("closed");
    }
}

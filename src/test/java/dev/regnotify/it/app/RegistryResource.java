package dev.regnotify.it.app;

import java.lang.management.ManagementFactory;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/** What the test adds to the example WAR: a pull, and a look inside the server (observed events, threads, MBeans). */
@Path("/api")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class RegistryResource {

    @Inject
    BlobStore blobs;
    @Inject
    ObservedEvents observed;

    @GET
    @Path("ready")
    public String ready() {
        return "ready";
    }

    @GET
    @Path("pull/{namespace}/{name}/{digest}")
    public String pull(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @PathParam("digest") String digest) {
        return new String(blobs.get(RepositoryName.of(namespace + "/" + name), Digest.parse(digest)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @GET
    @Path("observed")
    public String observed() {
        return String.join("\n", observed.events());
    }

    @GET
    @Path("async-threads")
    public String asyncThreads() {
        List<String> threads = observed.asyncThreads();
        return String.join("\n", threads);
    }

    @GET
    @Path("mbean/{endpoint}")
    public String mbean(@PathParam("endpoint") String endpoint) {
        return Boolean.toString(ManagementFactory.getPlatformMBeanServer()
                .isRegistered(JmxRegistration.objectName(endpoint)));
    }
}

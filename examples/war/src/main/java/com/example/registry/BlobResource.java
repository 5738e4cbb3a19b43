package com.example.registry;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;

/** {@code POST /api/blobs/{namespace}/{name}}: stores the body as a blob; its push is notified. */
@Path("/api/blobs/{namespace}/{name}")
@RequestScoped
public class BlobResource {

    @Inject
    BlobStore blobs;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String push(@PathParam("namespace") String namespace, @PathParam("name") String name, byte[] content) {
        return blobs.put(RepositoryName.of(namespace + "/" + name), MediaTypes.OCTET_STREAM, content).digest()
                .toString();
    }
}

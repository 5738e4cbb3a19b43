package dev.regnotify.demo.registry;

import java.io.IOException;
import java.io.InputStream;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.BlobUnknownException;
import dev.regnotify.registry.BlobWriter;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.demo.registry.RegistryHandler.ApiException;

/**
 * Blob uploads: {@code POST} starts one (or mounts a blob from another repository, or takes a whole blob with
 * {@code digest}), {@code PATCH} appends a chunk (with a {@code Content-Length} or chunked), {@code PUT ?digest=}
 * commits, {@code GET} reports the progress, {@code DELETE} cancels.
 */
final class UploadHandler {

    private static final int CHUNK = 64 * 1024;

    private final BlobStore blobs;

    UploadHandler(BlobStore blobs) {
        this.blobs = blobs;
    }

    void handle(Exchange exchange, RepositoryName name, String id) throws IOException {
        if (id.isEmpty()) {
            if (exchange.method.equals("POST")) {
                start(exchange, name);
            } else {
                RegistryHandler.unsupported(exchange);
            }
            return;
        }
        switch (exchange.method) {
            case "PATCH" -> {
                try (BlobWriter writer = blobs.resume(name, id)) {
                    requireRange(exchange, writer.size());
                    copy(exchange.bodyStream(), writer);
                    progress(exchange, name, writer, 202);
                }
            }
            case "PUT" -> {
                String digest = exchange.query.get("digest");
                if (digest == null) {
                    throw new ApiException("DIGEST_INVALID", "PUT of an upload needs ?digest=");
                }
                try (BlobWriter writer = blobs.resume(name, id)) {
                    requireRange(exchange, writer.size()); // a closing chunk is checked as PATCH checks one
                    copy(exchange.bodyStream(), writer);
                    committed(exchange, name, writer.commit(MediaTypes.OCTET_STREAM, Digest.parse(digest)));
                }
            }
            case "GET" -> {
                try (BlobWriter writer = blobs.resume(name, id)) {
                    progress(exchange, name, writer, 204);
                }
            }
            case "DELETE" -> {
                blobs.resume(name, id).cancel();
                exchange.empty(204, 0);
            }
            default -> RegistryHandler.unsupported(exchange);
        }
    }

    private void start(Exchange exchange, RepositoryName name) throws IOException {
        String mount = exchange.query.get("mount");
        String from = exchange.query.get("from");
        if (mount != null && from != null) {
            try {
                committed(exchange, name, blobs.mount(name, RepositoryName.of(from), Digest.parse(mount)));
                return;
            } catch (BlobUnknownException e) {
                // as distribution does: no such blob to mount, so an ordinary upload starts
            }
        }
        String digest = exchange.query.get("digest");
        try (BlobWriter writer = blobs.create(name)) {
            copy(exchange.bodyStream(), writer);
            if (digest != null) {
                committed(exchange, name, writer.commit(MediaTypes.OCTET_STREAM, Digest.parse(digest)));
            } else {
                progress(exchange, name, writer, 202);
            }
        }
    }

    private static void progress(Exchange exchange, RepositoryName name, BlobWriter writer, int status)
            throws IOException {
        exchange.header("Location", "/v2/" + name + "/blobs/uploads/" + writer.id())
                .header("Docker-Upload-UUID", writer.id())
                .header("Range", "0-" + Math.max(0, writer.size() - 1))
                .empty(status, 0);
    }

    private static void committed(Exchange exchange, RepositoryName name, Descriptor blob) throws IOException {
        exchange.header("Location", "/v2/" + name + "/blobs/" + blob.digest())
                .header("Docker-Content-Digest", blob.digest().toString()).empty(201, 0);
    }

    /** A chunk's {@code Content-Range}, when given, must start where the upload ends. */
    private static void requireRange(Exchange exchange, long size) {
        String range = exchange.header("Content-Range");
        if (range == null) {
            return;
        }
        String start = range.replaceFirst("^bytes ", "").split("-")[0].strip();
        if (!start.equals(Long.toString(size))) {
            throw new ApiException("RANGE_INVALID", "chunk starts at " + start + " but the upload holds " + size
                    + " bytes");
        }
    }

    private static void copy(InputStream body, BlobWriter writer) throws IOException {
        try (body) {
            byte[] buffer = new byte[CHUNK];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                if (n > 0) {
                    writer.write(buffer, 0, n);
                }
            }
        }
    }
}

package dev.regnotify.demo.registry;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.ErrorCode;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RegistryException;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;
import dev.regnotify.storage.RegistryStorage;

/**
 * Routes the registry API (OCI Distribution / Docker Registry v2) to the storage: the {@code @Listened} services for
 * what a registry notifies (pushes, pulls, mounts, deletes), the plain storage for what it does not (HEAD, tag lists,
 * the catalog), each request in its own event context. Uploads are in {@link UploadHandler}.
 */
final class RegistryHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.demo");
    // distribution's limit: a manifest is small, and a larger body is refused before it fills the heap
    private static final int MAX_MANIFEST_BYTES = 4 << 20;

    private static final Pattern UPLOAD = Pattern.compile("(.+)/blobs/uploads/?([^/]+)?");
    private static final Pattern BLOB = Pattern.compile("(.+)/blobs/([^/]+)");
    private static final Pattern MANIFEST = Pattern.compile("(.+)/manifests/([^/]+)");

    private final ManifestService manifests;
    private final BlobStore blobs;
    private final TagService tags;
    private final RegistryStorage plain;
    private final UploadHandler uploads;
    private final PlainHttpFront front;

    RegistryHandler(ManifestService manifests, BlobStore blobs, TagService tags, RegistryStorage plain,
            PlainHttpFront front) {
        this.front = front;
        this.manifests = manifests;
        this.blobs = blobs;
        this.tags = tags;
        this.plain = plain;
        this.uploads = new UploadHandler(blobs);
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        Exchange exchange = new Exchange(http);
        exchange.header("Docker-Distribution-API-Version", "registry/2.0");
        try {
            RequestContexts.of(http, front.client(http.getRemoteAddress().getPort())).call(() -> {
                route(exchange, http.getRequestURI().getPath());
                return null;
            });
        } catch (RegistryException e) {
            ApiErrors.send(exchange, e.code(), e.getMessage());
        } catch (ApiException e) {
            ApiErrors.send(exchange, e.code, e.getMessage());
        } catch (Exception e) {
            // the client learns an id to quote, never the exception's text (it can hold file paths)
            String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
            LOG.log(Level.WARNING, "RN-501 " + exchange.method + " " + http.getRequestURI().getRawPath() + " failed ("
                    + id + ")", e);
            ApiErrors.send(exchange, ErrorCode.UNKNOWN, "internal error " + id + " (in the registry's log)");
        } finally {
            http.close();
        }
    }

    private void route(Exchange exchange, String path) throws IOException {
        if (path.equals("/v2/") || path.equals("/v2")) {
            exchange.json(200, "{}");
            return;
        }
        if (!path.startsWith("/v2/")) {
            throw new ApiException("NAME_UNKNOWN", "no such API path: " + path);
        }
        String rest = path.substring(4);
        // matched from the end: a repository's name may have a component named blobs, manifests or tags
        Matcher route;
        if (rest.equals("_catalog")) {
            catalog(exchange);
        } else if (rest.endsWith("/tags/list")) {
            tagList(exchange, RepositoryName.of(rest.substring(0, rest.length() - 10)));
        } else if ((route = UPLOAD.matcher(rest)).matches()) {
            uploads.handle(exchange, RepositoryName.of(route.group(1)), route.group(2) == null ? ""
                    : route.group(2));
        } else if ((route = BLOB.matcher(rest)).matches()) {
            blob(exchange, RepositoryName.of(route.group(1)), Digest.parse(route.group(2)));
        } else if ((route = MANIFEST.matcher(rest)).matches()) {
            manifest(exchange, RepositoryName.of(route.group(1)), route.group(2));
        } else {
            throw new ApiException("NAME_UNKNOWN", "no such API path: " + path);
        }
    }

    private void blob(Exchange exchange, RepositoryName name, Digest digest) throws IOException {
        switch (exchange.method) {
            case "HEAD" -> {
                Descriptor d = plain.blobs().stat(name, digest);
                exchange.header("Docker-Content-Digest", digest.toString())
                        .header("Content-Type", MediaTypes.OCTET_STREAM).header("Accept-Ranges", "bytes")
                        .empty(200, d.size());
            }
            case "GET" -> {
                Descriptor d = plain.blobs().stat(name, digest);
                exchange.header("Docker-Content-Digest", digest.toString()).header("Accept-Ranges", "bytes");
                long[] range = ByteRange.parse(exchange.header("Range"), d.size());
                if (range == null) {
                    exchange.stream(200, MediaTypes.OCTET_STREAM, d.size(), blobs.open(name, digest));
                    return;
                }
                InputStream content = blobs.open(name, digest);
                content.skipNBytes(range[0]);
                exchange.header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + d.size())
                        .stream(206, MediaTypes.OCTET_STREAM, range[1] - range[0] + 1,
                                new BoundedInputStream(content, range[1] - range[0] + 1));
            }
            case "DELETE" -> {
                blobs.delete(name, digest);
                exchange.empty(202, 0);
            }
            default -> unsupported(exchange);
        }
    }

    private void manifest(Exchange exchange, RepositoryName name, String reference) throws IOException {
        boolean byDigest = reference.contains(":");
        switch (exchange.method) {
            case "HEAD", "GET" -> {
                Descriptor d = byDigest ? plain.manifests().get(name, Digest.parse(reference)).descriptor()
                        : plain.tags().get(name, Tag.of(reference));
                requireAccepted(exchange, d.mediaType());
                if (exchange.method.equals("HEAD")) {
                    digestHeaders(exchange, d.digest()).header("Content-Type", d.mediaType()).empty(200, d.size());
                    return;
                }
                // the headers name what is sent: a tag moved since it was looked up above is resolved once, here
                Manifest manifest = byDigest ? manifests.get(name, d.digest()) : manifests.get(name, Tag.of(reference));
                digestHeaders(exchange, manifest.digest()).send(200, manifest.mediaType(), manifest.payload());
            }
            case "PUT" -> {
                // the reference in the path is checked before the body is read
                Digest expected = byDigest ? Digest.parse(reference) : null;
                Tag tag = byDigest ? null : Tag.of(reference);
                byte[] payload = exchange.body(MAX_MANIFEST_BYTES, "MANIFEST_INVALID");
                String type = contentType(exchange);
                Manifest manifest = MediaTypes.MANIFESTS.contains(type) ? Manifest.of(type, payload)
                        : Manifest.parse(payload);
                if (expected != null && !expected.equals(manifest.digest())) {
                    throw new ApiException("DIGEST_INVALID", "manifest digest " + manifest.digest()
                            + " does not match " + expected);
                }
                if (tag == null) {
                    manifests.put(name, manifest);
                } else {
                    manifests.put(name, manifest, tag);
                }
                exchange.header("Location", "/v2/" + name + "/manifests/" + manifest.digest())
                        .header("Docker-Content-Digest", manifest.digest().toString()).empty(201, 0);
            }
            case "DELETE" -> {
                if (byDigest) {
                    manifests.delete(name, Digest.parse(reference));
                } else {
                    tags.untag(name, Tag.of(reference));
                }
                exchange.empty(202, 0);
            }
            default -> unsupported(exchange);
        }
    }

    private static Exchange digestHeaders(Exchange exchange, Digest digest) {
        return exchange.header("Docker-Content-Digest", digest.toString()).header("Etag", "\"" + digest + "\"");
    }

    /**
     * Several {@code Accept} headers are joined; none, or a wildcard ({@code *}{@code /*}, {@code type/*}),
     * accepts.
     */
    private static void requireAccepted(Exchange exchange, String mediaType) {
        List<String> accepted = new ArrayList<>();
        for (String header : exchange.headers("Accept")) {
            for (String part : header.split(",")) {
                accepted.add(part.split(";")[0].strip());
            }
        }
        String anyOfType = mediaType.substring(0, mediaType.indexOf('/') + 1) + "*";
        if (!accepted.isEmpty() && !accepted.contains(mediaType) && !accepted.contains("*/*")
                && !accepted.contains(anyOfType)) {
            throw new ApiException("MANIFEST_UNKNOWN", "the manifest is " + mediaType + ", which the Accept header "
                    + "does not include: " + accepted);
        }
    }

    private static String contentType(Exchange exchange) {
        String type = exchange.header("Content-Type");
        return type == null ? "" : type.split(";")[0].strip();
    }

    private void tagList(Exchange exchange, RepositoryName name) throws IOException {
        if (!exchange.method.equals("GET")) {
            unsupported(exchange);
            return;
        }
        Integer requested = exchange.query.containsKey("n") ? count(exchange, 0) : null; // checked first
        List<String> all = plain.tags().list(name).stream().map(Tag::value).toList();
        String last = exchange.query.get("last");
        List<String> after = last == null ? all : all.stream().filter(t -> t.compareTo(last) > 0).toList();
        int n = requested != null ? requested : after.size();
        List<String> page = after.subList(0, Math.min(n, after.size()));
        if (page.size() < after.size() && !page.isEmpty()) {
            exchange.header("Link", "</v2/" + name + "/tags/list?last=" + page.get(page.size() - 1) + "&n=" + n
                    + ">; rel=\"next\"");
        }
        exchange.json(200, "{\"name\":" + ApiErrors.quote(name.value()) + ",\"tags\":" + strings(page) + "}");
    }

    private void catalog(Exchange exchange) throws IOException {
        int n = exchange.query.containsKey("n") ? count(exchange, 1) : 1000;
        String last = exchange.query.get("last");
        List<String> names = plain.repositories().catalog(n, last == null ? null : RepositoryName.of(last))
                .stream().map(RepositoryName::value).toList();
        if (names.size() == n) {
            exchange.header("Link", "</v2/_catalog?last=" + names.get(names.size() - 1) + "&n=" + n
                    + ">; rel=\"next\"");
        }
        exchange.json(200, "{\"repositories\":" + strings(names) + "}");
    }

    /** @return the {@code n} of a paginated list, checked as the spec says: a whole number, at least {@code min} */
    private static int count(Exchange exchange, int min) {
        String text = exchange.query.get("n");
        try {
            int n = Integer.parseInt(text);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException("PAGINATION_NUMBER_INVALID", "n must be a whole number of " + min + " or more, got \""
                + text + "\"");
    }

    private static String strings(List<String> values) {
        return values.stream().map(ApiErrors::quote).collect(Collectors.joining(",", "[", "]"));
    }

    static void unsupported(Exchange exchange) throws IOException {
        ApiErrors.send(exchange, ErrorCode.UNSUPPORTED, exchange.method + " is not supported here");
    }

    /** A failure of the API itself, with its error code. */
    static final class ApiException extends RuntimeException {
        final String code;

        ApiException(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}

package dev.regnotify.wire;

import dev.regnotify.registry.Digest;
import dev.regnotify.registry.RepositoryName;

/** Package URLs (purl) of OCI artifacts, as CDEvents names an artifact. */
final class PackageUrl {

    private PackageUrl() {
    }

    /**
     * @param repository the artifact's repository
     * @param digest the artifact's manifest digest
     * @param host the registry's host (and port), or empty to leave the repository's URL out
     * @return {@code pkg:oci/<last path component>@sha256%3A<hex>?repository_url=<host>/<repository>}
     */
    static String oci(RepositoryName repository, Digest digest, String host) {
        String path = repository.value();
        String purl = "pkg:oci/" + path.substring(path.lastIndexOf('/') + 1) + "@" + digest.algorithm() + "%3A"
                + digest.hex();
        return host.isEmpty() ? purl : purl + "?repository_url=" + host + "/" + path;
    }
}

package dev.regnotify.storage;

import java.util.UUID;
import java.util.regex.Pattern;

import dev.regnotify.registry.BlobUploadUnknownException;
import dev.regnotify.registry.RepositoryName;

/** Upload ids: random UUIDs, checked before use so that an id can never name a path outside the upload folder. */
final class UploadIds {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private UploadIds() {
    }

    static String next() {
        return UUID.randomUUID().toString();
    }

    static String require(RepositoryName repository, String id) {
        if (id == null || !FORM.matcher(id).matches()) {
            throw new BlobUploadUnknownException(repository, id);
        }
        return id;
    }
}

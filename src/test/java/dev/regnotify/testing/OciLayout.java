package dev.regnotify.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import dev.regnotify.registry.Digest;

/**
 * A small OCI image layout on disk, for skopeo to push: one gzipped tar layer holding one file, a config and a
 * manifest, tagged {@code v1}. Every byte is deterministic (tar and gzip headers without times), so its digests are
 * the same on every run and every machine.
 */
public final class OciLayout {

    private OciLayout() {
    }

    /** Writes the layout into {@code dir} and returns the manifest's digest. */
    public static Digest write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            byte[] tar = tar("hello.txt", "hello from regnotify\n".getBytes(StandardCharsets.UTF_8));
            byte[] layer = gzip(tar);
            Digest layerDigest = blob(dir, layer);
            String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                    + Digest.of(tar) + "\"]}}";
            byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
            Digest configDigest = blob(dir, configBytes);
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                    + configDigest + "\",\"size\":" + configBytes.length + "},\"layers\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest + "\",\"size\":"
                    + layer.length + "}]}";
            byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
            Digest manifestDigest = blob(dir, manifestBytes);
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                    + manifestBytes.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1\"}}]}");
            return manifestDigest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Digest blob(Path dir, byte[] content) throws IOException {
        Digest digest = Digest.of(content);
        Files.write(dir.resolve("blobs/sha256").resolve(digest.hex()), content);
        return digest;
    }

    /** A ustar archive of one regular file, mode 0644, owner 0, time 0. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        int padded = (content.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(content, 0, tar, 512, content.length);
        return tar;
    }

    private static void put(byte[] header, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, bytes.length);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}

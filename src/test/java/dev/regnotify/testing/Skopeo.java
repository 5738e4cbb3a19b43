package dev.regnotify.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs skopeo (Debian's package) against a registry on 127.0.0.1, over plain HTTP. */
public final class Skopeo {

    private Skopeo() {
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/skopeo"));
    }

    /** @return skopeo's standard output; fails the test if skopeo fails */
    public static String run(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/skopeo"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "skopeo finished: " + command);
            String text = new String(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + "\n" + text);
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The session of the end-to-end tests: push a layout to e2e/a:v1, pull it back into {@code pulled}, copy it to
     * e2e/b:v1 (a cross-repository mount), list e2e/a's tags, delete e2e/a:v1.
     *
     * @return the output of list-tags
     */
    public static String session(String registry, Path layout, Path pulled) {
        run("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + registry + "/e2e/a:v1");
        run("copy", "--src-tls-verify=false", "docker://" + registry + "/e2e/a:v1", "oci:" + pulled + ":v1");
        run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "docker://" + registry + "/e2e/a:v1",
                "docker://" + registry + "/e2e/b:v1");
        String tags = run("list-tags", "--tls-verify=false", "docker://" + registry + "/e2e/a");
        run("delete", "--tls-verify=false", "docker://" + registry + "/e2e/a:v1");
        return tags;
    }
}

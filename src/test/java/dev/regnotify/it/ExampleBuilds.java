package dev.regnotify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The examples of {@code examples/}, built as a user builds them: the library of this build installed into the local
 * repository first, then Maven on the example's own {@code pom.xml}. Each is built once per test run.
 */
final class ExampleBuilds {

    static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    private static boolean installed;
    private static Path war;

    private ExampleBuilds() {
    }

    /** What Maven printed, and how it ended. */
    record Result(int exit, String output) {
    }

    /** Installs the library of this build (its packaged jar and pom) into the local repository, once. */
    static synchronized void installLibrary() throws IOException, InterruptedException {
        if (!installed) {
            Result result = maven(Path.of("").toAbsolutePath(), "install:install-file",
                    "-Dfile=" + System.getProperty("regnotify.jar"), "-DpomFile=pom.xml");
            assertEquals(0, result.exit(), result.output());
            installed = true;
        }
    }

    /** @return the example WAR, built once, as its exploded directory */
    static synchronized Path war() throws IOException, InterruptedException {
        if (war == null) {
            installLibrary();
            Result result = maven(EXAMPLES.resolve("war"), "package");
            assertEquals(0, result.exit(), result.output());
            war = EXAMPLES.resolve("war/target/registry-war");
        }
        return war;
    }

    static Result maven(Path project, String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-f", project.resolve("pom.xml")
                .toString()));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile("regnotify-example-", ".log");
        try {
            Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!maven.waitFor(5, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                return new Result(-1, "timed out: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(maven.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

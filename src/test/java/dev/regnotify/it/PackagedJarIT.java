package dev.regnotify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.config.JournalConfig;
import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.deadletter.DeadLetterFiles;
import dev.regnotify.journal.Journal;
import dev.regnotify.testing.Notifications;

/** The jar that is published: the library alone, nothing a CDI container could discover that nobody asked for. */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("regnotify.jar"));

    @Test
    void theJarHoldsTheLibraryAndNoDemo() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("dev/regnotify/demo/")).toList());
            assertTrue(names.contains("dev/regnotify/cdi/ListenedInterceptor.class"), "the library is there");
            assertTrue(names.contains("dev/regnotify/tools/DeadLetterTool.class"), "the operator's commands too");
            assertTrue(names.contains("META-INF/beans.xml"));
        }
    }

    @Test
    void theDeadLetterToolListsAJournalsLettersFromTheJarAlone(@TempDir Path dir) throws Exception {
        Instant at = Instant.parse("2026-12-03T09:00:00Z");
        try (Journal journal = Journal.open(JournalConfig.in(dir), Executors.defaultThreadFactory());
                DeadLetterFiles files = journal.deadLetterFiles("scanner")) {
            files.save(new DeadLetter(1, "scanner", List.of(Notifications.numbered(1)), 3, at, at,
                    "500 Internal Server Error"));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", JAR.toString(),
                "dev.regnotify.tools.DeadLetterTool", "list", dir.toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);

        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("endpoint=scanner id=1 events=1 attempts=3"), output);
        assertTrue(output.contains("1 dead letters in " + dir), output);
    }
}

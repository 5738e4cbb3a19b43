package dev.regnotify.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/** The jar that is published: the library alone, nothing a CDI container could discover that nobody asked for. */
class PackagedJarIT {

    @Test
    void theJarHoldsTheLibraryAndNoDemo() throws IOException {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("regnotify.jar")).toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("dev/regnotify/demo/")).toList());
            assertTrue(names.contains("dev/regnotify/cdi/ListenedInterceptor.class"), "the library is there");
            assertTrue(names.contains("META-INF/beans.xml"));
        }
    }
}

package dev.regnotify.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README takes a newcomer from an empty project to a running one: the dependencies it shows are the library's
 * own, its {@code beans.xml} and {@code Main} are complete, and the test command says what it costs.
 */
class ReadmeTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    /** @return the version the pom gives the dependency, resolving a {@code ${property}} */
    private static String pomVersion(String artifactId) throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher dependency = Pattern.compile("<artifactId>" + Pattern.quote(artifactId)
                + "</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(dependency.find(), artifactId + " in pom.xml");
        String version = dependency.group(1);
        if (version.startsWith("${")) {
            String property = version.substring(2, version.length() - 1);
            Matcher value = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(pom);
            assertTrue(value.find(), property + " in pom.xml");
            version = value.group(1);
        }
        return version;
    }

    @Test
    void theYamlDependencyIsShownWithThePomsVersion() throws IOException {
        Matcher shown = Pattern.compile("<groupId>org\\.snakeyaml</groupId>\\s*<artifactId>snakeyaml-engine"
                + "</artifactId>\\s*<version>([^<]+)</version>").matcher(readme());
        assertTrue(shown.find(), "README shows the dependency that reading config.yml needs");
        assertEquals(pomVersion("snakeyaml-engine"), shown.group(1));
        for (String artifact : List.of("weld-se-core", "yasson")) {
            Matcher pinned = Pattern.compile("<artifactId>" + artifact + "</artifactId><version>([^<]+)</version>")
                    .matcher(readme());
            assertTrue(pinned.find(), artifact + " in the README's pom");
            assertEquals(pomVersion(artifact), pinned.group(1), artifact + ": the version the library is tested with");
        }
    }

    @Test
    void theBeansXmlAndTheMainAreShownWhole() throws IOException {
        String readme = readme();
        Matcher xml = Pattern.compile("```xml\\n(<\\?xml[^`]*?<beans [^`]*?)```").matcher(readme);
        assertTrue(xml.find(), "a beans.xml block");
        assertEquals(Files.readString(Path.of("examples", "se", "src", "main", "resources", "META-INF", "beans.xml"))
                .strip(), xml.group(1).strip(), "the example's, which the test run builds");
        Matcher main = Pattern.compile("```java\\n([^`]*?public static void main[^`]*?)```").matcher(readme);
        assertTrue(main.find(), "a Main");
        assertTrue(main.group(1).contains("SeContainerInitializer.newInstance().initialize()")
                && main.group(1).contains("Manifest.image("), main.group(1));
    }

    @Test
    void theTestCommandSaysHowLongItTakesAndWhatItDownloads() throws IOException {
        String top = readme().substring(0, readme().indexOf("## "));
        for (String said : List.of("mvn -B verify -DskipITs", "minutes", "Payara Micro", "WildFly", "Artemis",
                "MB")) {
            assertTrue(top.contains(said), "the README's opening names " + said);
        }
    }
}

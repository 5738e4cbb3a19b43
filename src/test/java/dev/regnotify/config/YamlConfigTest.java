package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.regnotify.testing.LogCapture;

/**
 * distribution's config.yml loads to the same configuration as its JSON twin; the registry's own sections are not
 * ours.
 */
class YamlConfigTest {

    /** A registry's config.yml, its notifications section as distribution's documentation writes it. */
    private static final String CONFIG_YML = """
            version: 0.1
            log:
              level: info
            storage:
              filesystem:
                rootdirectory: /var/lib/registry
            http:
              addr: :5000
              host: https://registry.example.com
              secret: asecretforlocaldevelopment
            notifications:
              events:
                includereferences: true
              endpoints:
                - name: alistener
                  disabled: false
                  url: https://my.listener.com/event
                  headers:
                    Authorization: [Bearer <token>]
                  timeout: 500ms
                  threshold: 5
                  backoff: 1s
                  ignoredmediatypes:
                    - application/octet-stream
                  ignore:
                    mediatypes:
                      - application/octet-stream
                    actions:
                      - pull
            """;

    private static final String JSON_TWIN = """
            {"notifications": {"events": {"includereferences": true}, "endpoints": [
              {"name": "alistener", "disabled": false, "url": "https://my.listener.com/event",
               "headers": {"Authorization": ["Bearer <token>"]},
               "timeout": "500ms", "threshold": 5, "backoff": "1s",
               "ignoredmediatypes": ["application/octet-stream"],
               "ignore": {"mediatypes": ["application/octet-stream"], "actions": ["pull"]}}]},
             "baseurl": "https://registry.example.com"}
            """;

    @TempDir
    Path dir;

    @Test
    void aRegistrysConfigYmlLoadsAsItsJsonTwinAndItsOtherSectionsAreIgnoredWithOneLine() throws Exception {
        Path yml = dir.resolve("config.yml");
        Files.writeString(yml, CONFIG_YML);
        try (LogCapture log = LogCapture.start()) {
            assertEquals(RegnotifyConfig.parse(JSON_TWIN), RegnotifyConfig.read(yml));
            List<String> said = log.containing("RN-404");
            assertEquals(1, said.size(), log.lines().toString());
            assertTrue(said.get(0).contains("[version, log, storage]"), said.get(0));
        }
    }

    @Test
    void ourOwnKeysReadTheSameInYaml() throws Exception {
        Path yml = dir.resolve("config.yml");
        Files.writeString(yml, "notifications:\n  endpoints:\n    - name: a\n      url: http://x/\n      retry:\n"
                + "        initialdelay: 250ms\n        maxdelay: 1m\n");
        assertEquals(RetryConfig.exponential(Duration.ofMillis(250), Duration.ofMinutes(1)),
                RegnotifyConfig.read(yml).endpoints().get(0).retry());
    }

    @Test
    void errorsNameTheKeyPathAndTheFile() throws Exception {
        Path yml = dir.resolve("config.yaml");
        Files.writeString(yml, "notifications:\n  endpoints:\n    - name: a\n      url: http://x/\n      timeout: soon\n");
        ConfigException wrong = assertThrows(ConfigException.class, () -> RegnotifyConfig.read(yml));
        assertEquals("notifications.endpoints[0].timeout", wrong.path());
        assertTrue(wrong.getMessage().endsWith("(in " + yml + ")"), wrong.getMessage());

        Files.writeString(yml, "notifications:\n  endpoints: [\n");
        ConfigException broken = assertThrows(ConfigException.class, () -> RegnotifyConfig.read(yml));
        assertTrue(broken.getMessage().startsWith("the configuration is not YAML: "), broken.getMessage());
        assertTrue(broken.getMessage().contains("line"), broken.getMessage());
    }
}

package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
    void theAttemptLogReadsTheSameInYaml() throws Exception {
        Path yml = dir.resolve("config.yml");
        Files.writeString(yml, "notifications:\n  log:\n    attempts: 20\n  endpoints:\n    - name: a\n"
                + "      url: http://x/\n      log:\n        retention: 12h\n        maxbytes: 1048576\n");
        assertEquals(new AttemptLogConfig(20, Duration.ofHours(12), 1L << 20),
                RegnotifyConfig.read(yml).endpoints().get(0).log());
    }

    @Test
    void aFilterARateLimitAndAGuardReadTheSameInYamlAndAGlobErrorNamesItsPath() throws Exception {
        Path yml = dir.resolve("config.yml");
        Files.writeString(yml, "notifications:\n  endpoints:\n    - name: a\n      url: http://x/\n      filter:\n"
                + "        repositories: [team/**]\n        tags: ['v*']\n        kinds: [manifest]\n      ratelimit:\n"
                + "        eventspersecond: 20\n        burst: 5\n      guard:\n        allownetworks: [10.0.0.0/8]\n");
        assertEquals(RegnotifyConfig.parse("""
                {"notifications": {"endpoints": [{"name": "a", "url": "http://x/",
                 "filter": {"repositories": ["team/**"], "tags": ["v*"], "kinds": ["manifest"]},
                 "ratelimit": {"eventspersecond": 20, "burst": 5}, "guard": {"allownetworks": ["10.0.0.0/8"]}}]}}"""),
                RegnotifyConfig.read(yml));

        Files.writeString(yml, "notifications:\n  endpoints:\n    - name: a\n      url: http://x/\n      filter:\n"
                + "        repositories: [team//a]\n");
        ConfigException wrong = assertThrows(ConfigException.class, () -> RegnotifyConfig.read(yml));
        assertEquals("notifications.endpoints[0].filter.repositories[0]", wrong.path());
    }

    @Test
    void aWholeNumberForTimeoutOrBackoffIsNanosecondsAsDistributionReadsIt() throws Exception {
        Path yml = dir.resolve("config.yml");
        Files.writeString(yml, CONFIG_YML.replace("timeout: 500ms", "timeout: 500000000")
                .replace("backoff: 1s", "backoff: 1000"));
        try (LogCapture log = LogCapture.start()) {
            EndpointConfig endpoint = RegnotifyConfig.read(yml).endpoints().get(0);
            assertEquals(Duration.ofMillis(500), endpoint.timeout());
            assertEquals(Duration.ofNanos(1000), endpoint.retry().backoff(), "Go's time.Duration counts nanoseconds");
            List<String> said = log.containing("RN-405");
            assertEquals(2, said.size(), log.lines().toString());
            assertTrue(said.get(1).contains("notifications.endpoints[0].backoff: the number 1000 is read as "
                    + "nanoseconds, as distribution reads it: 1us"), said.get(1));
        }
    }

    @Test
    void errorsNameTheKeyPathAndTheFile() throws Exception {
        Path yml = dir.resolve("config.yaml");
        Files.writeString(yml,
                "notifications:\n  endpoints:\n    - name: a\n      url: http://x/\n      timeout: soon\n");
        ConfigException wrong = assertThrows(ConfigException.class, () -> RegnotifyConfig.read(yml));
        assertEquals("notifications.endpoints[0].timeout", wrong.path());
        assertTrue(wrong.getMessage().endsWith("(in " + yml + ")"), wrong.getMessage());

        Files.writeString(yml, "notifications:\n  endpoints: [\n");
        ConfigException broken = assertThrows(ConfigException.class, () -> RegnotifyConfig.read(yml));
        assertTrue(broken.getMessage().startsWith("the configuration is not YAML: "), broken.getMessage());
        assertTrue(broken.getMessage().contains("line"), broken.getMessage());
    }

    /** Each level is a sequence of two aliases of the level below: 2^16 leaves from a file of 32 aliases. */
    private static String billionLaughs(int levels) {
        StringBuilder yaml = new StringBuilder("notifications:\n  events: &l0 [ha, ha]\n  endpoints:\n");
        for (int i = 1; i <= levels; i++) {
            yaml.append("    - &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        return yaml.toString();
    }

    private ConfigException refused(String yaml) throws Exception {
        Path yml = dir.resolve("config.yml");
        Files.writeString(yml, yaml);
        return assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConfigException.class, () -> RegnotifyConfig.read(yml)));
    }

    @Test
    void aliasesThatExpandBeyondTheLimitAreRefusedWithoutBeingExpanded() throws Exception {
        ConfigException laughs = refused(billionLaughs(16));
        assertTrue(laughs.getMessage().startsWith("its aliases expand the configuration beyond 100000 values"),
                laughs.getMessage());
    }

    @Test
    void moreThan50AliasesAreRefusedNamingTheFirstOneTooMany() throws Exception {
        StringBuilder yaml = new StringBuilder("source:\n  addr: &a registry-1\n  instanceID: x\nstorage:\n");
        for (int i = 0; i < 51; i++) {
            yaml.append("  k").append(i).append(": *a\n");
        }
        ConfigException many = refused(yaml.toString());
        assertEquals("", many.path());
        assertTrue(many.getMessage().startsWith("line 55, column 8: more than 50 aliases (*name): a configuration "
                + "needs few, and each may multiply the document"), many.getMessage());
    }

    @Test
    void aFewAliasesStillShareValues() throws Exception {
        Path yml = dir.resolve("config.yml");
        Files.writeString(yml, """
                notifications:
                  endpoints:
                    - name: a
                      url: http://a/
                      headers: &auth
                        Authorization: [Bearer <token>]
                    - name: b
                      url: http://b/
                      headers: *auth
                """);
        RegnotifyConfig config = RegnotifyConfig.read(yml);
        assertEquals(config.endpoints().get(0).headers(), config.endpoints().get(1).headers());
        assertEquals(List.of("Bearer <token>"), config.endpoints().get(1).headers().get("Authorization"));
    }

    @Test
    void anAliasInsideItselfIsRefused() throws Exception {
        ConfigException recursive = refused("notifications:\n  endpoints: &loop [*loop]\n");
        assertTrue(recursive.getMessage().startsWith("notifications.endpoints[0][0]"), recursive.getMessage());
        assertTrue(recursive.getMessage().contains("nests deeper than 64 levels"), recursive.getMessage());
    }

    @Test
    void tenThousandNestedSequencesAreAConfigExceptionNotAStackOverflow() throws Exception {
        ConfigException deep = refused("notifications: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        assertEquals("", deep.path());
        assertTrue(deep.getMessage().startsWith("line 1, column 79: the configuration nests deeper than 64 levels"),
                deep.getMessage());
    }
}

package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {

    static final String DESIGN_EXAMPLE = """
            {
              "notifications": {
                "events": { "includereferences": false },
                "endpoints": [
                  { "name": "alistener", "disabled": false, "url": "https://listener.example.com/event",
                    "headers": { "Authorization": ["Bearer <token>"] },
                    "timeout": "500ms", "threshold": 5, "backoff": "1s",
                    "ignoredmediatypes": ["application/octet-stream"],
                    "ignore": { "mediatypes": [], "actions": ["pull"] } }
                ]
              },
              "source": { "addr": "registry-1:5000", "instanceID": "abc" },
              "baseurl": "https://registry.example.com"
            }
            """;

    @Test
    void readsTheDesignExample() {
        RegnotifyConfig config = RegnotifyConfig.parse(DESIGN_EXAMPLE);
        assertFalse(config.includeReferences());
        assertEquals(new SourceConfig("registry-1:5000", "abc"), config.source());
        assertEquals(URI.create("https://registry.example.com"), config.baseUrl());
        EndpointConfig endpoint = config.endpoints().get(0);
        assertEquals("alistener", endpoint.name());
        assertEquals(URI.create("https://listener.example.com/event"), endpoint.url());
        assertEquals(Map.of("Authorization", List.of("Bearer <token>")), endpoint.headers());
        assertEquals(Duration.ofMillis(500), endpoint.timeout());
        assertEquals(5, endpoint.threshold());
        assertEquals(Duration.ofSeconds(1), endpoint.backoff());
        assertEquals(Set.of("application/octet-stream"), endpoint.ignore().mediaTypes());
        assertEquals(Set.of("pull"), endpoint.ignore().actions());
        assertEquals(BatchConfig.SINGLE, endpoint.batch());
        assertEquals(Format.V1, endpoint.format());
    }

    @Test
    void absentOrZeroValuesTakeDistributionsDefaults() {
        RegnotifyConfig config = RegnotifyConfig.parse("""
                {"notifications":{"endpoints":[{"name":"a","url":"http://127.0.0.1:1/"},
                  {"name":"b","url":"http://127.0.0.1:1/","timeout":"0","threshold":0,"backoff":"0s"}]}}""");
        for (EndpointConfig endpoint : config.endpoints()) {
            assertEquals(Duration.ofSeconds(1), endpoint.timeout());
            assertEquals(10, endpoint.threshold());
            assertEquals(Duration.ofSeconds(1), endpoint.backoff());
        }
        assertEquals(RegnotifyConfig.DEFAULT_DRAIN_TIMEOUT, config.drainTimeout());
        assertNull(config.baseUrl());
        assertEquals(SourceConfig.DEFAULT, config.source());
        assertEquals(RegnotifyConfig.DEFAULT, RegnotifyConfig.parse("{}"));
    }

    @Test
    void readsOurOwnKeys() {
        EndpointConfig endpoint = RegnotifyConfig.parse("""
                {"notifications":{"draintimeout":"30s","endpoints":[{"name":"a","url":"http://127.0.0.1:1/",
                  "batch":{"maxevents":100,"maxbytes":65536},"format":"v2","headers":{"X-One":"single"}}]}}""")
                .endpoints().get(0);
        assertEquals(new BatchConfig(100, 65536), endpoint.batch());
        assertEquals(Format.V2, endpoint.format());
        assertEquals(List.of("single"), endpoint.headers().get("X-One"));
    }

    @Test
    void readsTheRetryPolicy() {
        assertEquals(RetryConfig.DISTRIBUTION, RegnotifyConfig.parse(endpoints(
                "{\"name\":\"a\",\"url\":\"http://x/\"}")).endpoints().get(0).retry());
        assertEquals(RetryConfig.DISTRIBUTION, RegnotifyConfig.parse(endpoints("{\"name\":\"a\",\"url\":\"http://x/\","
                + "\"retry\":{}}")).endpoints().get(0).retry(), "an empty retry block changes nothing");
        EndpointConfig endpoint = RegnotifyConfig.parse(endpoints("{\"name\":\"a\",\"url\":\"http://x/\","
                + "\"retry\":{\"policy\":\"exponential\",\"initialdelay\":\"250ms\",\"maxdelay\":\"1m\"}}"))
                .endpoints().get(0);
        assertEquals(RetryConfig.exponential(Duration.ofMillis(250), Duration.ofMinutes(1)), endpoint.retry());
        assertTrue(endpoint.toString().contains("retry=exponential(initialdelay=250ms, maxdelay=1m)"),
                endpoint.toString());
        assertEquals(RetryConfig.Policy.DISTRIBUTION, RegnotifyConfig.parse(endpoints("{\"name\":\"a\","
                + "\"url\":\"http://x/\",\"retry\":{\"policy\":\"distribution\"}}")).endpoints().get(0)
                .retry().policy());
        RetryConfig bounded = RegnotifyConfig.parse(endpoints("{\"name\":\"a\",\"url\":\"http://x/\","
                + "\"retry\":{\"policy\":\"exponential\",\"maxattempts\":5,\"maxage\":\"1h\"}}")).endpoints().get(0)
                .retry();
        assertEquals(5, bounded.maxAttempts());
        assertEquals(Duration.ofHours(1), bounded.maxAge());
        assertTrue(bounded.bounded());
        assertEquals("exponential(initialdelay=1s, maxdelay=5m, maxattempts=5, maxage=1h)", bounded.toString());
        assertFalse(RetryConfig.DISTRIBUTION.bounded(), "distribution's rule never ends its attempts");
        assertEquals("distribution(maxattempts=3)", RetryConfig.DISTRIBUTION.withBounds(3, Duration.ZERO).toString());
    }

    @Test
    void aRetryBlockWithOnlyBoundsKeepsDistributionsRuleWithTheEndpointsThresholdAndBackoff() {
        RetryConfig bounded = RegnotifyConfig.parse(endpoints("{\"name\":\"a\",\"url\":\"http://x/\","
                + "\"threshold\":3,\"backoff\":\"2s\",\"retry\":{\"maxattempts\":5}}")).endpoints().get(0).retry();
        assertEquals(RetryConfig.distribution(3, Duration.ofSeconds(2)).withBounds(5, Duration.ZERO), bounded);
        assertEquals(RetryConfig.Policy.EXPONENTIAL, RegnotifyConfig.parse(endpoints("{\"name\":\"a\","
                + "\"url\":\"http://x/\",\"retry\":{\"maxdelay\":\"1m\",\"maxattempts\":5}}")).endpoints().get(0)
                .retry().policy(), "a delay of the exponential policy chooses it");
        assertEquals(RetryConfig.Policy.EXPONENTIAL, RegnotifyConfig.parse(endpoints("{\"name\":\"a\","
                + "\"url\":\"http://x/\",\"retry\":{\"policy\":\"exponential\",\"maxage\":\"1h\"}}"))
                .endpoints().get(0).retry().policy(), "and so does naming it");
    }

    @Test
    void readsTheBrokerQueue() {
        assertNull(RegnotifyConfig.parse("{\"notifications\":{\"queue\":{\"type\":\"memory\"}}}").broker());
        BrokerConfig broker = RegnotifyConfig.parse("{\"notifications\":{\"queue\":{\"type\":\"jms\","
                + "\"url\":\"tcp://127.0.0.1:61616\",\"user\":\"reg\",\"password\":\"pw\",\"role\":\"produce\"}}}")
                .broker();
        assertEquals(BrokerConfig.Factory.URL, broker.factory());
        assertEquals("tcp://127.0.0.1:61616", broker.url());
        assertEquals(BrokerConfig.Role.PRODUCE, broker.role());
        assertEquals("regnotify.", broker.destinationPrefix());
        assertFalse(broker.toString().contains("pw") || broker.toString().contains("reg,"), broker.toString());
        BrokerConfig server = RegnotifyConfig.parse("{\"notifications\":{\"queue\":{\"type\":\"jms\"}}}")
                .broker();
        assertEquals(BrokerConfig.Factory.JNDI, server.factory(), "without a url, the server's factory");
        assertEquals("java:comp/DefaultJMSConnectionFactory", server.jndiName());
        assertEquals(BrokerConfig.Role.BOTH, server.role());
        assertTrue(server.spread(), "delivering instances share the endpoints out by default");
        assertFalse(RegnotifyConfig.parse("{\"notifications\":{\"queue\":{\"type\":\"jms\",\"spread\":false}}}")
                .broker().spread());
    }

    /** Behind a broker, an endpoint's name is its queue's: one cannot be named as the deliverers' topic. */
    @Test
    void anEndpointCannotBeNamedAsTheDeliverersTopic() {
        String named = "{\"notifications\":{\"endpoints\":[{\"name\":\"a\",\"url\":\"http://x/\"},"
                + "{\"name\":\"$deliverers\",\"url\":\"http://x/\"}],\"queue\":{\"type\":\"jms\"}}}";
        assertError("notifications.endpoints[1].name: \"$deliverers\" is no endpoint name behind a broker: its "
                + "queue would be named as the topic on which the delivering instances share the endpoints out; "
                + "rename the endpoint", named);
        assertEquals("$deliverers", RegnotifyConfig.parse(named.replace("\"jms\"", "\"memory\"")).endpoints()
                .get(1).name(), "without a broker the name is an endpoint's like any other");
        assertThrows(IllegalArgumentException.class, () -> RegnotifyConfig.DEFAULT.withEndpoint(EndpointConfig.of(
                "$deliverers", URI.create("http://x/"))).withBroker(BrokerConfig.at("tcp://127.0.0.1:61616")));
    }

    @Test
    void brokerErrorsNameTheirKeyPath() {
        assertError("notifications.queue.type: \"kafka\" is not one of [memory, jms]",
                "{\"notifications\":{\"queue\":{\"type\":\"kafka\"}}}");
        assertError("notifications.queue.role: \"all\" is not one of [produce, deliver, both]",
                "{\"notifications\":{\"queue\":{\"type\":\"jms\",\"url\":\"tcp://h:1\",\"role\":\"all\"}}}");
        assertError("notifications.queue: url is required with factory url: the broker's URL, such as "
                + "tcp://127.0.0.1:61616", "{\"notifications\":{\"queue\":{\"type\":\"jms\",\"factory\":\"url\"}}}");
        assertError("notifications.queue.brokers: unknown key (known keys here: type, factory, url, user, password, "
                + "jndiname, destinationprefix, role, spread)", "{\"notifications\":{\"queue\":{\"brokers\":1}}}");
        assertError("notifications.queue.spread: expected true or false, got the string \"yes\"",
                "{\"notifications\":{\"queue\":{\"type\":\"jms\",\"spread\":\"yes\"}}}");
    }

    @Test
    void retryErrorsNameTheirKeyPath() {
        assertError("notifications.endpoints[0].retry.policy: \"linear\" is not one of [distribution, exponential]",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"retry\":{\"policy\":\"linear\"}}"));
        assertError("notifications.endpoints[0].retry: maxdelay must be at least initialdelay (10s), got 1s",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"retry\":{\"initialdelay\":\"10s\","
                        + "\"maxdelay\":\"1s\"}}"));
        assertError("notifications.endpoints[0].retry.maxattempts: -1 is out of range (expected 0 to 2147483647)",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"retry\":{\"maxattempts\":-1}}"));
        assertError("notifications.endpoints[0].retry.maxage: \"soon\" is not a duration (expected Go syntax such as "
                + "500ms, 1s or 1m30s)", endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"retry\":{\"maxage\":"
                + "\"soon\"}}"));
        assertError("notifications.endpoints[0].retry.maxattempt: unknown key (known keys here: policy, initialdelay, "
                + "maxdelay, maxattempts, maxage)",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"retry\":{\"maxattempt\":3}}"));
        assertError("notifications.endpoints[0].retry: expected an object, got the string \"exponential\"",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"retry\":\"exponential\"}"));
    }

    @Test
    void readsTheJournal() {
        JournalConfig journal = RegnotifyConfig.parse("""
                {"notifications":{"journal":{"directory":"/var/lib/regnotify","fsync":"always","interval":"250ms",
                  "maxbytes":1048576,"segmentbytes":65536}}}""").journal();
        assertEquals(new JournalConfig(java.nio.file.Path.of("/var/lib/regnotify"), JournalConfig.Fsync.ALWAYS,
                Duration.ofMillis(250), 1 << 20, 1 << 16), journal);
        assertEquals(JournalConfig.in(java.nio.file.Path.of("j")),
                RegnotifyConfig.parse(journal("\"directory\":\"j\"")).journal());
        assertNull(RegnotifyConfig.parse("{}").journal());
    }

    @Test
    void journalErrorsNameTheirKeyPath() {
        assertError("notifications.journal.directory: is required", journal(""));
        assertError("notifications.journal.fsync: \"sometimes\" is not one of [always, interval]",
                journal("\"directory\":\"j\",\"fsync\":\"sometimes\""));
        assertError("notifications.journal.segmentbytes: 100 is out of range",
                journal("\"directory\":\"j\",\"segmentbytes\":100"));
        assertError("notifications.journal.maxbytes: 5000 is out of range (expected 65536",
                journal("\"directory\":\"j\",\"segmentbytes\":65536,\"maxbytes\":5000"));
        assertError("notifications.journal.size: unknown key", journal("\"directory\":\"j\",\"size\":1"));
    }

    private static String journal(String fields) {
        return "{\"notifications\":{\"journal\":{" + fields + "}}}";
    }

    @Test
    void disabledEndpointsAreKeptButNotEnabled() {
        RegnotifyConfig config = RegnotifyConfig.parse("""
                {"notifications":{"endpoints":[{"name":"off","disabled":true,"url":"http://127.0.0.1:1/"},
                  {"name":"on","url":"http://127.0.0.1:2/"}]}}""");
        assertEquals(2, config.endpoints().size());
        assertEquals(List.of("on"), config.enabledEndpoints().stream().map(EndpointConfig::name).toList());
    }

    @Test
    void distributionsDurationKeysTakeAWholeNumberAsNanosecondsAndOursAskForAUnit() {
        EndpointConfig endpoint = RegnotifyConfig.parse(endpoints("{\"name\":\"a\",\"url\":\"http://x/\","
                + "\"timeout\":1500000000,\"backoff\":2e9,\"threshold\":3}")).endpoints().get(0);
        assertEquals(Duration.ofMillis(1500), endpoint.timeout());
        assertEquals(Duration.ofSeconds(2), endpoint.retry().backoff());
        assertEquals(EndpointConfig.builder("a", URI.create("http://x/")).build().timeout(), RegnotifyConfig.parse(
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"timeout\":0}")).endpoints().get(0).timeout(),
                "zero is the default, as in distribution");
        assertError("notifications.endpoints[0].backoff: the number -5 is negative",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"backoff\":-5}"));
        assertError("notifications.endpoints[0].timeout: the number 1.5 is not a whole number of nanoseconds (a "
                + "duration is a string with a unit, such as \"500ms\", \"1s\" or \"1m30s\")",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"timeout\":1.5}"));
        assertError("notifications.endpoints[0].timeout: the number 9223372036854775808 is longer than the longest "
                + "duration", endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"timeout\":9223372036854775808}"));
        assertError("notifications.draintimeout: expected a duration, a string with a unit such as \"500ms\", \"1s\" "
                + "or \"1m30s\", got the number 5", "{\"notifications\":{\"draintimeout\":5}}");
        assertError("notifications.endpoints[0].retry.maxdelay: expected a duration, a string with a unit",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"retry\":{\"maxdelay\":60}}"));
    }

    @Test
    void everyErrorNamesItsKeyPath() {
        String ok = "{\"name\":\"a\",\"url\":\"http://127.0.0.1:1/\"}";
        assertError("notifications.endpoints[1].timeout: \"5 sec\" is not a duration (expected Go syntax such as "
                + "500ms, 1s or 1m30s)",
                endpoints(ok + ",{\"name\":\"b\",\"url\":\"http://x/\",\"timeout\":\"5 sec\"}"));
        assertError("notifications.endpoints[0].url: is required", endpoints("{\"name\":\"a\"}"));
        assertError("notifications.endpoints[0].url: \"ftp://x/\" is not an absolute http or https URL",
                endpoints("{\"name\":\"a\",\"url\":\"ftp://x/\"}"));
        assertError("notifications.endpoints[0].name: is required", endpoints("{\"url\":\"http://x/\"}"));
        assertError("notifications.endpoints[1].name: \"a\" is already the name of notifications.endpoints[0]",
                endpoints(ok + "," + ok));
        assertError("notifications.endpoints[0].treshold: unknown key (known keys here: name, disabled, url",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"treshold\":3}"));
        assertError("notifications.endpoints[0].threshold: expected a whole number, got the string \"3\"",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"threshold\":\"3\"}"));
        assertError("notifications.endpoints[0].threshold: -1 is out of range",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"threshold\":-1}"));
        assertError("notifications.endpoints[0].backoff: \"-1s\" is negative",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"backoff\":\"-1s\"}"));
        assertError("notifications.endpoints[0].ignore.actions[1]: \"pul\" is not an action",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"ignore\":{\"actions\":[\"push\",\"pul\"]}}"));
        assertError("notifications.endpoints[0].batch.maxevents: 0 is out of range",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"batch\":{\"maxevents\":0}}"));
        assertError("notifications.endpoints[0].format: \"v3\" is not one of [v1, v2, cloudevents, "
                + "cloudevents-batch, cdevents, cdevents-batch]",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"format\":\"v3\"}"));
        assertError("notifications.endpoints[0].headers.Authorization: expected an array, got the number 1",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"headers\":{\"Authorization\":1}}"));
        assertError("notifications.endpoints[0].disabled: expected true or false, got the string \"no\"",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"disabled\":\"no\"}"));
        assertError("notifications.endpoints: expected an array, got an object",
                "{\"notifications\":{\"endpoints\":{}}}");
        assertError("notifications.events.includereferences: expected true or false",
                "{\"notifications\":{\"events\":{\"includereferences\":1}}}");
        assertError("baseurl: is not an absolute http or https URL: it does not start with http:// or https://",
                "{\"baseurl\":\"registry\"}");
        assertError("source: expected an object, got the string \"x\"", "{\"source\":\"x\"}");
        assertError("storage: unknown key (known keys here: notifications, source, baseurl)", "{\"storage\":{}}");
        assertError("the configuration is not JSON", "{nope");
    }

    @Test
    void aSyntaxErrorSaysWhereAndWhatInWords() {
        assertError("the configuration is not JSON: line 1, column 31: found '}' where a value was expected",
                "{\"notifications\":{\"endpoints\":}}");
        assertError("the configuration is not JSON: line 2, column 1: found '}' where a string was expected",
                "{\"baseurl\":\"http://x/\",\n}");
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsPathRatherThanTheLastOneWinning() {
        assertError("notifications.endpoints[1].url: is given twice in the same object (again at line 2",
                endpoints("{\"name\":\"a\",\"url\":\"http://a/\"},\n{\"name\":\"b\",\"url\":\"http://b/\","
                        + "\"url\":\"http://evil/\"}"));
        assertError("baseurl: is given twice in the same object",
                "{\"baseurl\":\"http://a/\",\"baseurl\":\"http://b/\"}");
        assertError("notifications.endpoints[0].headers.X: is given twice",
                endpoints("{\"name\":\"a\",\"url\":\"http://a/\",\"headers\":{\"X\":[\"1\"],\"X\":[\"2\"]}}"));
        assertEquals(2, RegnotifyConfig.parse(endpoints("{\"name\":\"a\",\"url\":\"http://a/\"},"
                + "{\"name\":\"b\",\"url\":\"http://b/\"}")).endpoints().size(), "the same key in two objects");
    }

    @Test
    void tenThousandNestedArraysAreAConfigException() {
        String deep = "{\"notifications\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConfigException.class, () -> RegnotifyConfig.parse(deep)));
        assertTrue(e.getMessage().startsWith("line 1, column 81: the configuration nests deeper than 64 levels"),
                e.getMessage());
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertError("line 1, column ", deepObjects));
    }

    @Test
    void aFileErrorNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"timeout\":\"soon\"}"));
        ConfigException e = assertThrows(ConfigException.class, () -> RegnotifyConfig.read(file));
        assertEquals("notifications.endpoints[0].timeout", e.path());
        assertTrue(e.getMessage().endsWith("(in " + file + ")"), e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> RegnotifyConfig.read(dir.resolve("no")));
        assertTrue(missing.getMessage().contains("cannot read the configuration file"), missing.getMessage());
    }

    @Test
    void headerValuesNeverAppearInToString() {
        RegnotifyConfig config = RegnotifyConfig.parse(DESIGN_EXAMPLE);
        String text = config.toString() + config.endpoints().get(0).toString();
        assertFalse(text.contains("<token>"), text);
        assertTrue(text.contains("Authorization=[<redacted>]"), text);
    }

    static String endpoints(String items) {
        return "{\"notifications\":{\"endpoints\":[" + items + "]}}";
    }

    static void assertError(String expectedStart, String json) {
        ConfigException e = assertThrows(ConfigException.class, () -> RegnotifyConfig.parse(json));
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "expected \"" + expectedStart + "\", got \""
                + e.getMessage() + "\"");
    }
}

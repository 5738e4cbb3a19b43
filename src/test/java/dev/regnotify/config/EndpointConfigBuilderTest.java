package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * The builder and the groups of {@link EndpointConfig}: the 0.2 defaults and messages, a round trip through
 * {@link EndpointConfig#toBuilder()}, and the deprecated 0.2 API giving what the builder gives.
 */
class EndpointConfigBuilderTest {

    private static final URI URL = URI.create("https://hooks.example.com/hook");
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    /** Every value away from its default, so that a setting lost on the way shows. */
    private static EndpointConfig everythingSet() {
        return EndpointConfig.builder("hooks", URL)
                .disabled(true)
                .headers(Map.of("Authorization", List.of("Bearer s3cret")))
                .timeout(Duration.ofMillis(500))
                .signing(new SigningConfig(List.of(SECRET)))
                .retry(RetryConfig.exponential(Duration.ofMillis(20), Duration.ofSeconds(3)).withBounds(4,
                        Duration.ofMinutes(2)))
                .threshold(3)
                .backoff(Duration.ofSeconds(7))
                .queueCapacity(50)
                .maxInFlight(4)
                .format(Format.CLOUDEVENTS_BATCH)
                .typePrefix("com.example")
                .batch(new BatchConfig(10, 4096))
                .ignore(new IgnoreConfig(Set.of("application/octet-stream"), Set.of("pull")))
                .build();
    }

    @Test
    void defaultsAreDistributionsAndThe02Ones() {
        EndpointConfig config = EndpointConfig.builder("hooks", URL).build();
        assertFalse(config.disabled());
        assertEquals(Map.of(), config.transport().headers());
        assertEquals(Duration.ofSeconds(1), config.transport().timeout());
        assertEquals(SigningConfig.NONE, config.transport().signing());
        assertEquals(RetryConfig.Policy.DISTRIBUTION, config.retry().policy());
        assertEquals(10, config.retry().threshold());
        assertEquals(Duration.ofSeconds(1), config.retry().backoff());
        assertFalse(config.retry().bounded());
        assertEquals(100_000, config.queue().capacity());
        assertEquals(1, config.queue().maxInFlight());
        assertEquals(Format.V1, config.envelope().format());
        assertEquals("dev.regnotify", config.envelope().typePrefix());
        assertEquals(new BatchConfig(1, 1 << 20), config.envelope().batch());
        assertEquals(IgnoreConfig.NONE, config.ignore());
        assertEquals(RetryConfig.DISTRIBUTION, config.retry());
        assertEquals(config, EndpointConfig.of("hooks", URL), "of(name, url) is the builder with nothing set");
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedConstructorsGiveWhatTheBuilderGives() {
        EndpointConfig expected = everythingSet();
        EndpointConfig full = new EndpointConfig("hooks", true, URL, Map.of("Authorization", List.of("Bearer s3cret")),
                Duration.ofMillis(500), 3, Duration.ofSeconds(7),
                new IgnoreConfig(Set.of("application/octet-stream"), Set.of("pull")), new BatchConfig(10, 4096),
                Format.CLOUDEVENTS_BATCH, 50, 4, new SigningConfig(List.of(SECRET)), "com.example",
                RetryConfig.exponential(Duration.ofMillis(20), Duration.ofSeconds(3)).withBounds(4,
                        Duration.ofMinutes(2)));
        assertEquals(expected, full);
        EndpointConfig distribution = new EndpointConfig("hooks", false, URL, Map.of(), Duration.ofMillis(500), 3,
                Duration.ofSeconds(7), IgnoreConfig.NONE, new BatchConfig(10, 4096), Format.V2);
        assertEquals(EndpointConfig.builder("hooks", URL).timeout(Duration.ofMillis(500)).threshold(3)
                .backoff(Duration.ofSeconds(7)).batch(new BatchConfig(10, 4096)).format(Format.V2).build(),
                distribution);
        assertEquals(RetryConfig.exponential(Duration.ofMillis(20), Duration.ofSeconds(3)).withBounds(4,
                Duration.ofMinutes(2)), new RetryConfig(RetryConfig.Policy.EXPONENTIAL, Duration.ofMillis(20),
                Duration.ofSeconds(3), 4, Duration.ofMinutes(2)));
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedAccessorsReadTheGroups() {
        EndpointConfig config = everythingSet();
        assertEquals(Map.of("Authorization", List.of("Bearer s3cret")), config.headers());
        assertEquals(Duration.ofMillis(500), config.timeout());
        assertEquals(new SigningConfig(List.of(SECRET)), config.signing());
        assertEquals(3, config.threshold());
        assertEquals(Duration.ofSeconds(7), config.backoff());
        assertEquals(50, config.queueCapacity());
        assertEquals(4, config.maxInFlight());
        assertEquals(Format.CLOUDEVENTS_BATCH, config.format());
        assertEquals("com.example", config.typePrefix());
        assertEquals(new BatchConfig(10, 4096), config.batch());
        assertEquals(Duration.ofSeconds(1), EndpointConfig.DEFAULT_TIMEOUT);
        assertEquals(10, EndpointConfig.DEFAULT_THRESHOLD);
        assertEquals(Duration.ofSeconds(1), EndpointConfig.DEFAULT_BACKOFF);
        assertEquals(100_000, EndpointConfig.DEFAULT_QUEUE_CAPACITY);
        assertEquals("dev.regnotify", EndpointConfig.DEFAULT_TYPE_PREFIX);
        assertEquals(64, EndpointConfig.MAX_IN_FLIGHT);
    }

    @Test
    void toBuilderGivesTheSameEndpointBackAndChangesOnlyWhatIsSet() {
        EndpointConfig config = everythingSet();
        assertEquals(config, config.toBuilder().build());
        EndpointConfig wider = config.toBuilder().maxInFlight(8).build();
        assertEquals(8, wider.queue().maxInFlight());
        assertEquals(config.queue().capacity(), wider.queue().capacity());
        assertEquals(config.transport(), wider.transport());
        assertEquals(config.retry(), wider.retry());
        assertEquals(config.envelope(), wider.envelope());
        assertEquals(4, config.queue().maxInFlight(), "the original is untouched");
    }

    @Test
    @SuppressWarnings("removal")
    void eachDeprecatedWitherEqualsTheBuilder() {
        EndpointConfig config = everythingSet();
        assertEquals(config.toBuilder().batch(new BatchConfig(2, 99)).build(),
                config.withBatch(new BatchConfig(2, 99)));
        assertEquals(config.toBuilder().format(Format.V2).build(), config.withFormat(Format.V2));
        assertEquals(config.toBuilder().headers(Map.of("X", List.of("y"))).build(),
                config.withHeaders(Map.of("X", List.of("y"))));
        assertEquals(config.toBuilder().ignore(IgnoreConfig.NONE).build(), config.withIgnore(IgnoreConfig.NONE));
        assertEquals(config.toBuilder().queueCapacity(7).build(), config.withQueueCapacity(7));
        assertEquals(config.toBuilder().maxInFlight(2).build(), config.withMaxInFlight(2));
        assertEquals(config.toBuilder().signing(SigningConfig.NONE).build(), config.withSigning(SigningConfig.NONE));
    }

    @Test
    @SuppressWarnings("removal")
    void withRetrySetsTheTimeoutTooAsIn02() {
        EndpointConfig config = everythingSet().withRetry(Duration.ofSeconds(2), 6, Duration.ofSeconds(9));
        assertEquals(Duration.ofSeconds(2), config.transport().timeout());
        assertEquals(6, config.retry().threshold());
        assertEquals(Duration.ofSeconds(9), config.retry().backoff());
        assertEquals(RetryConfig.Policy.EXPONENTIAL, config.retry().policy(), "the policy stays");
        assertEquals(everythingSet().toBuilder().timeout(Duration.ofSeconds(2)).threshold(6)
                .backoff(Duration.ofSeconds(9)).build(), config);
    }

    @Test
    @SuppressWarnings("removal")
    void withRetryPolicyKeepsTheEndpointsThresholdAndBackoffWhereTheBuilderTakesTheRetrysOwn() {
        EndpointConfig config = everythingSet();
        RetryConfig other = RetryConfig.distribution(20, Duration.ofSeconds(30)).withBounds(2, Duration.ZERO);
        EndpointConfig kept = config.withRetryPolicy(other);
        assertEquals(RetryConfig.Policy.DISTRIBUTION, kept.retry().policy());
        assertEquals(2, kept.retry().maxAttempts());
        assertEquals(3, kept.retry().threshold(), "0.2's wither never touched the threshold");
        assertEquals(Duration.ofSeconds(7), kept.retry().backoff());
        assertEquals(other, config.toBuilder().retry(other).build().retry());
    }

    @Test
    void thresholdAndBackoffWinOverTheRetryWhicheverIsCalledFirst() {
        RetryConfig exponential = RetryConfig.exponential(Duration.ofMillis(5), Duration.ofMillis(50));
        EndpointConfig before = EndpointConfig.builder("a", URL).threshold(4).backoff(Duration.ofSeconds(2))
                .retry(exponential).build();
        EndpointConfig after = EndpointConfig.builder("a", URL).retry(exponential).threshold(4)
                .backoff(Duration.ofSeconds(2)).build();
        assertEquals(before, after);
        assertEquals(new RetryConfig(RetryConfig.Policy.EXPONENTIAL, 4, Duration.ofSeconds(2), Duration.ofMillis(5),
                Duration.ofMillis(50), 0, Duration.ZERO), after.retry());
    }

    @Test
    void invalidValuesFailWithThe02Messages() {
        Map<String, UnaryOperator<EndpointConfigBuilder>> cases = new LinkedHashMap<>();
        cases.put("timeout must be positive, got PT0S", b -> b.timeout(Duration.ZERO));
        cases.put("timeout must be positive, got null", b -> b.timeout(null));
        cases.put("backoff must be positive, got PT-1S", b -> b.backoff(Duration.ofSeconds(-1)));
        cases.put("backoff must be positive, got null", b -> b.backoff(null));
        cases.put("threshold must be 1 or more, got 0", b -> b.threshold(0));
        cases.put("queuecapacity must be 1 or more, got 0", b -> b.queueCapacity(0));
        cases.put("maxinflight must be from 1 to 64, got 65", b -> b.maxInFlight(65));
        cases.put("maxinflight must be from 1 to 64, got 0", b -> b.maxInFlight(0));
        cases.put("typeprefix must not be empty", b -> b.typePrefix(" "));
        cases.forEach((message, change) -> assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> change.apply(EndpointConfig.builder("a", URL)).build()).getMessage()));
        assertEquals("an endpoint needs a name", assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.builder(" ", URL).build()).getMessage());
        assertEquals("\"ftp://example.com/<redacted>\" is not an absolute http or https URL",
                assertThrows(IllegalArgumentException.class, () -> EndpointConfig.builder("a",
                        URI.create("ftp://example.com/SECRET")).build()).getMessage());
        assertEquals("url", assertThrows(NullPointerException.class,
                () -> EndpointConfig.builder("a", null).build()).getMessage());
    }

    @Test
    void missingGroupsOrPartsNameTheirKey() {
        Map<String, UnaryOperator<EndpointConfigBuilder>> cases = new LinkedHashMap<>();
        cases.put("format", b -> b.format(null));
        cases.put("batch", b -> b.batch(null));
        cases.put("signing", b -> b.signing(null));
        cases.put("ignore", b -> b.ignore(null));
        cases.put("retry", b -> b.retry(null));
        cases.put("headers", b -> b.headers(null));
        cases.forEach((key, change) -> assertEquals(key, assertThrows(NullPointerException.class,
                () -> change.apply(EndpointConfig.builder("a", URL)).build()).getMessage()));
        assertEquals("retry", assertThrows(NullPointerException.class,
                () -> EndpointConfig.builder("a", URL).retry(null).threshold(3).build()).getMessage());
    }

    @Test
    void headersAreCopiedInTheirOrder() {
        List<String> values = new ArrayList<>(List.of("one"));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-B", values);
        headers.put("X-A", List.of("two"));
        EndpointConfig config = EndpointConfig.builder("a", URL).headers(headers).build();
        values.add("later");
        headers.put("X-C", List.of("later"));
        assertEquals(List.of("X-B", "X-A"), List.copyOf(config.transport().headers().keySet()));
        assertEquals(List.of("one"), config.transport().headers().get("X-B"));
        assertThrows(UnsupportedOperationException.class, () -> config.transport().headers().put("X", List.of()));
    }

    @Test
    void toStringRedactsTheHeadersAndTheUrlAndKeepsThe02Shape() {
        EndpointConfig config = everythingSet().toBuilder()
                .retry(RetryConfig.distribution(3, Duration.ofSeconds(7)))
                .build();
        EndpointConfig secret = EndpointConfig.builder("hooks",
                URI.create("https://alice:pw@hooks.example.com/T0SECRET/B0SECRET?token=SECRET"))
                .headers(Map.of("Authorization", List.of("Bearer SECRET"))).build();
        for (String text : List.of(secret.toString(), secret.transport().toString(), config.toString(),
                config.transport().toString())) {
            assertFalse(text.contains("SECRET") || text.contains("s3cret") || text.contains("pw")
                    || text.contains(SECRET.substring(6)), text);
        }
        assertEquals("EndpointConfig[name=hooks, disabled=true, url=https://hooks.example.com/<redacted>, "
                + "headers={Authorization=[<redacted>]}, timeout=500ms, threshold=3, backoff=7s, "
                + "ignore=IgnoreConfig[mediaTypes=[application/octet-stream], actions=[pull]], "
                + "batch=BatchConfig[maxEvents=10, maxBytes=4096], format=cloudevents-batch, queuecapacity=50, "
                + "maxinflight=4, signing=SigningConfig[1 secrets, <redacted>], typeprefix=com.example, "
                + "retry=distribution]", config.toString(), "the threshold and the backoff are shown once");
        assertTrue(secret.toString().contains("url=https://hooks.example.com/<redacted>?<redacted>"),
                secret.toString());
    }

    @Test
    void aRetryShowsItsThresholdAndBackoffOnlyWhereTheyCount() {
        assertEquals("distribution", RetryConfig.DISTRIBUTION.toString());
        assertEquals("distribution(threshold=3, backoff=7s, maxattempts=2)",
                RetryConfig.distribution(3, Duration.ofSeconds(7)).withBounds(2, Duration.ZERO).toString());
        assertEquals("exponential(initialdelay=1s, maxdelay=5m)",
                new RetryConfig(RetryConfig.Policy.EXPONENTIAL, 3, Duration.ofSeconds(7), Duration.ofSeconds(1),
                        Duration.ofMinutes(5), 0, Duration.ZERO).toString(),
                "the exponential policy reads neither");
    }

    @Test
    void equalSettingsMakeEqualEndpoints() {
        assertEquals(everythingSet(), everythingSet());
        assertEquals(everythingSet().hashCode(), everythingSet().hashCode());
        assertNotEquals(everythingSet(), everythingSet().toBuilder().typePrefix("org.example").build());
    }
}

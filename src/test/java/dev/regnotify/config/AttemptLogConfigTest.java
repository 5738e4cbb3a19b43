package dev.regnotify.config;

import static dev.regnotify.config.ConfigParserTest.assertError;
import static dev.regnotify.config.ConfigParserTest.endpoints;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@code log} under {@code notifications} and under each endpoint: defaults, inheritance, errors by key path. */
class AttemptLogConfigTest {

    @Test
    void theAttemptLogIsConfiguredUnderNotificationsAndEachEndpointTakesWhatItDoesNotSay() {
        RegnotifyConfig config = RegnotifyConfig.parse("""
                {"notifications":{"log":{"attempts":50,"retention":"48h"},
                  "endpoints":[{"name":"a","url":"http://127.0.0.1:1/"},
                    {"name":"b","url":"http://127.0.0.1:1/","log":{"maxbytes":2097152}}]}}""");
        assertEquals(new AttemptLogConfig(50, Duration.ofDays(2), AttemptLogConfig.DEFAULT_MAX_BYTES),
                config.endpoints().get(0).log());
        assertEquals(new AttemptLogConfig(50, Duration.ofDays(2), 2L << 20), config.endpoints().get(1).log());
        assertEquals(AttemptLogConfig.DEFAULT, RegnotifyConfig.parse(endpoints(
                "{\"name\":\"a\",\"url\":\"http://x/\"}")).endpoints().get(0).log());
        assertEquals(new AttemptLogConfig(1000, Duration.ofDays(7), 256L << 20), AttemptLogConfig.DEFAULT);
    }

    @Test
    void aBadAttemptLogValueIsNamedByItsKeyPath() {
        assertError("notifications.log.attempts: -1 is out of range",
                "{\"notifications\":{\"log\":{\"attempts\":-1}}}");
        assertError("notifications.log.retention: \"-1s\" is negative",
                "{\"notifications\":{\"log\":{\"retention\":\"-1s\"}}}");
        assertError("notifications.log.keep: unknown key", "{\"notifications\":{\"log\":{\"keep\":1}}}");
        assertError("notifications.endpoints[0].log.maxbytes: 1024 is out of range",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"log\":{\"maxbytes\":1024}}"));
        assertError("notifications.endpoints[0].log: expected an object",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"log\":3}"));
    }
}

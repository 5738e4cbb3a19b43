package dev.regnotify.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A URL is shown as its scheme, host and port: webhook services put the secret in the path or the query. */
class RedactionTest {

    /** Slack's form: the last three segments are the secret. */
    static final String SLACK = "https://hooks.slack.com/services/T0000SECRET/B0000SECRET/XXXXSECRET";
    /** A bare query: the token is the query, with no name and no {@code =}. */
    static final String BARE_TOKEN = "https://hooks.example.com/hook?TOKENSECRET";

    @Test
    void theSecretPartsOfWebhookUrlsAreShownNowhere() {
        assertEquals("https://hooks.slack.com/<redacted>", Redaction.url(URI.create(SLACK)));
        assertEquals("https://hooks.example.com/<redacted>?<redacted>", Redaction.url(URI.create(BARE_TOKEN)));
        assertEquals("https://discord.com/<redacted>",
                Redaction.url(URI.create("https://discord.com/api/webhooks/123/SECRET")));
        assertEquals("https://webhook.site/<redacted>",
                Redaction.url(URI.create("https://webhook.site/0e3c-SECRET")), "the first segment can be the secret");
        assertEquals("http://127.0.0.1:8080/<redacted>?<redacted>",
                Redaction.url(URI.create("http://alice:pw%40SECRET@127.0.0.1:8080/events?token=SECRET&x=1#SECRET")));
        assertEquals("http://[::1]:8080/", Redaction.url(URI.create("http://[::1]:8080/")));
        assertEquals("http://host", Redaction.url(URI.create("http://host")));
        assertEquals("http://host/?<redacted>", Redaction.url(URI.create("http://host/?SECRET")));
    }

    @Test
    void brokerUrlsFollowTheSameRule() {
        assertEquals("tcp://127.0.0.1:61616?<redacted>", Redaction.url("tcp://127.0.0.1:61616?user=a&password=SECRET"));
        assertEquals("tcp://127.0.0.1:61616?<redacted>", Redaction.url("tcp://127.0.0.1:61616?SECRET"));
        assertEquals("(tcp://a:1,tcp://b:2/<redacted>)?<redacted>",
                Redaction.url("(tcp://a:1,tcp://b:2/SECRET)?ha=true"));
        assertEquals("<redacted>?<redacted>", Redaction.url("(tcp://u:SECRET@a:1,tcp://b:2)?ha=true"),
                "not one URL, and an @: where the user information ends is not known");
        assertEquals("<redacted>", Redaction.url("http://u:pa#SECRET@host/"), "a raw # in a password");
        assertEquals("http://host?<redacted>", Redaction.url("http://host?token=a@SECRET"));
        assertEquals("<redacted>", Redaction.url("hooks.slack.com/services/T/B/SECRET"), "no scheme: nothing shown");
        String shown = new BrokerConfig(BrokerConfig.Factory.URL, "tcp://127.0.0.1:61616?SECRET", null, null,
                BrokerConfig.DEFAULT_JNDI_NAME, BrokerConfig.DEFAULT_PREFIX, BrokerConfig.Role.BOTH).toString();
        assertFalse(shown.contains("SECRET"), shown);
    }

    @Test
    void anEndpointsToStringShowsNeitherPathNorQuery() {
        for (String url : List.of(SLACK, BARE_TOKEN)) {
            EndpointConfig endpoint = RegnotifyConfig.parse("{\"notifications\":{\"endpoints\":[{\"name\":\"a\","
                    + "\"url\":\"" + url + "\"}]}}").endpoints().get(0);
            String shown = endpoint + " " + endpoint.redactedUrl() + " " + RegnotifyConfig.DEFAULT
                    .withEndpoint(endpoint);
            assertFalse(shown.contains("SECRET"), shown);
        }
    }

    @Test
    void aUrlRefusedByTheParserIsNotQuoted() {
        for (String url : List.of("ftp://hooks.slack.com/services/T/B/SECRET", "hooks.slack.com/services/SECRET",
                "https://hooks slack.com/services/SECRET", "https:///services/SECRET?SECRET")) {
            ConfigException refused = assertThrows(ConfigException.class, () -> RegnotifyConfig.parse(
                    "{\"notifications\":{\"endpoints\":[{\"name\":\"a\",\"url\":\"" + url + "\"}]}}"));
            assertFalse(refused.getMessage().contains("SECRET"), refused.getMessage());
            assertEquals("notifications.endpoints[0].url", refused.path());
        }
        IllegalArgumentException inCode = assertThrows(IllegalArgumentException.class,
                () -> EndpointConfig.of("a", URI.create("ftp://hooks.slack.com/services/T/B/SECRET")));
        assertFalse(inCode.getMessage().contains("SECRET"), inCode.getMessage());
    }
}

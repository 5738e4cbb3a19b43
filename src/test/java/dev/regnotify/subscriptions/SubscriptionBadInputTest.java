package dev.regnotify.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.Cidr;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.config.SubscriptionsConfig;
import dev.regnotify.subscriptions.SubscriptionException.Kind;
import dev.regnotify.testing.Receiver;

/** Each bad input is refused with an error naming its field, and nothing is stored or started. */
class SubscriptionBadInputTest {

    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);

    private final Receiver receiver = Receiver.start();
    private final RecordingStore store = new RecordingStore();
    private SubscriptionFixture fixture = new SubscriptionFixture(RegnotifyConfig.DEFAULT.withEndpoint(
            EndpointConfig.of("configured", receiver.url())), store, SubscriptionFixture.LOOPBACK,
            owner -> owner.startsWith("team-"));

    @AfterEach
    void stop() {
        fixture.close();
        receiver.close();
    }

    private void refused(Kind kind, String field, String json, String says) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> fixture.subscriptions.create(json));
        assertEquals(kind, e.kind(), e::getMessage);
        assertEquals(field, e.field(), e::getMessage);
        assertTrue((field.isEmpty() || e.getMessage().startsWith(field + ": ")) && e.getMessage().contains(says),
                e.getMessage());
        assertFalse(e.getMessage().contains(SECRET.substring(6)), "the secret is never quoted");
    }

    private String json(String name, String owner, String url, String more) {
        return SubscriptionFixture.json(name, owner, URI.create(url), more);
    }

    private void nothingKept(int changes) {
        assertEquals(changes, store.changes(), "nothing stored");
        assertEquals(changes, fixture.subscriptions.list(null).size());
        assertEquals(1 + changes, fixture.assembly.endpoints().size(), "nothing started");
    }

    @Test
    void aUrlWithUserInformationOrAFragment() {
        refused(Kind.INVALID, "url", json("a", "team-a", "http://user:pw@127.0.0.1:1/x", ""), "user information");
        refused(Kind.INVALID, "url", json("a", "team-a", "http://127.0.0.1:1/x#part", ""), "fragment");
        nothingKept(0);
    }

    @Test
    void anInvalidFilterGlob() {
        refused(Kind.INVALID, "filter.repositories[1]", json("a", "team-a", receiver.url().toString(),
                "\"filter\":{\"repositories\":[\"team/*\",\"team/a**\"]}"), "is not a glob");
        refused(Kind.INVALID, "filter.tags[0]", json("a", "team-a", receiver.url().toString(),
                "\"filter\":{\"tags\":[\"\"]}"), "empty glob");
        nothingKept(0);
    }

    @Test
    void aDuplicateName() {
        refused(Kind.DUPLICATE, "name", json("configured", "team-a", receiver.url().toString(), ""),
                "a configured endpoint");
        fixture.subscriptions.create(json("a", "team-a", receiver.url().toString(), ""));
        refused(Kind.DUPLICATE, "name", json("a", "team-b", receiver.url().toString(), ""), "a subscription");
        nothingKept(1);
    }

    @Test
    void anUnknownOrMissingOwner() {
        refused(Kind.UNKNOWN_OWNER, "owner", json("a", "stranger", receiver.url().toString(), ""), "\"stranger\"");
        refused(Kind.INVALID, "owner", "{\"name\":\"a\",\"url\":\"" + receiver.url() + "\"}", "is required");
        nothingKept(0);
    }

    @Test
    void beyondTheMostAllowed() {
        fixture.close();
        fixture = new SubscriptionFixture(RegnotifyConfig.DEFAULT, store, new SubscriptionsConfig(null,
                List.of(Cidr.parse("127.0.0.0/8")), 2), OwnerPolicy.ANY_NON_BLANK);
        fixture.subscriptions.create(json("a", "team-a", receiver.url().toString(), ""));
        fixture.subscriptions.create(json("b", "team-a", receiver.url().toString(), ""));
        refused(Kind.TOO_MANY, "notifications.subscriptions.max", json("c", "team-a", receiver.url().toString(), ""),
                "there are 2 subscriptions");
        assertEquals(2, store.changes());
        assertEquals(2, fixture.assembly.endpoints().size());
    }

    @Test
    void aSecretThatIsNotWhsec() {
        refused(Kind.INVALID, "secret", json("a", "team-a", receiver.url().toString(), "\"secret\":\"sk_"
                + SECRET.substring(6) + "\""), "does not start with whsec_");
        refused(Kind.INVALID, "secret", json("a", "team-a", receiver.url().toString(), "\"secret\":\"whsec_c2hvcnQ=\""),
                "bytes");
        nothingKept(0);
        IssuedSecret chosen = fixture.subscriptions.create(json("a", "team-a", receiver.url().toString(),
                "\"secret\":\"" + SECRET + "\""));
        assertEquals(SECRET, chosen.secret(), "a secret given is the one used");
    }

    @Test
    void anAddressTheGuardRefusesAndKeysOnlyTheOperatorSets() {
        fixture.close();
        fixture = new SubscriptionFixture(RegnotifyConfig.DEFAULT, store, SubscriptionsConfig.DEFAULT,
                OwnerPolicy.ANY_NON_BLANK);
        refused(Kind.INVALID, "url", json("a", "team-a", receiver.url().toString(), ""), "127.0.0.1 is loopback");
        refused(Kind.INVALID, "url", json("a", "team-a", "http://169.254.169.254/latest", ""), "cloud metadata");
        refused(Kind.INVALID, "guard", json("a", "team-a", "https://hooks.example.com/x",
                "\"guard\":{\"allownetworks\":[\"0.0.0.0/0\"]}"), "set by the operator");
        refused(Kind.INVALID, "signing", json("a", "team-a", "https://hooks.example.com/x",
                "\"signing\":{\"secrets\":[\"" + SECRET + "\"]}"), "secret");
        refused(Kind.INVALID, "tls", json("a", "team-a", "https://hooks.example.com/x",
                "\"tls\":{\"ca\":\"/etc/shadow\"}"), "only the operator");
        refused(Kind.INVALID, "log", json("a", "team-a", "https://hooks.example.com/x",
                "\"log\":{\"attempts\":2000000000}"), "notifications.log");
        assertEquals(0, store.changes());
    }

    @Test
    void aStoreThatFailsKeepsTheSubscriptionFromStarting() {
        store.failing(true);
        refused(Kind.UNAVAILABLE, "", json("a", "team-a", receiver.url().toString(), ""), "could not keep");
        store.failing(false);
        nothingKept(0);
    }

    @Test
    void unknownKeysAndBadValuesNameTheirPath() {
        refused(Kind.INVALID, "treshold", json("a", "team-a", receiver.url().toString(), "\"treshold\":3"),
                "unknown key");
        refused(Kind.INVALID, "timeout", json("a", "team-a", receiver.url().toString(), "\"timeout\":\"5 sec\""),
                "");
        refused(Kind.INVALID, "name", json("../etc", "team-a", receiver.url().toString(), ""), "not a subscription's");
        nothingKept(0);
    }

    @Test
    void aHeaderTheHttpClientCannotSendIsABadValueNotAnUnavailableStore() {
        String url = receiver.url().toString();
        refused(Kind.INVALID, "headers.Authorization", json("a", "team-a", url,
                "\"headers\":{\"Authorization\":[\"Bearer x\\r\\nX-Injected: y\"]}"), "line break");
        refused(Kind.INVALID, "headers.Host", json("a", "team-a", url, "\"headers\":{\"Host\":[\"internal\"]}"),
                "set by the HTTP client");
        refused(Kind.INVALID, "headers.Bad Name", json("a", "team-a", url, "\"headers\":{\"Bad Name\":[\"v\"]}"),
                "not a valid HTTP header name");
        nothingKept(0);
    }
}

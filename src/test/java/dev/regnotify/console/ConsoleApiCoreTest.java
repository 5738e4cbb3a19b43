package dev.regnotify.console;

import static dev.regnotify.console.ConsoleFixture.OPERATOR;
import static dev.regnotify.console.ConsoleFixture.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.regnotify.config.ConsoleConfig;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.testing.Closer;

/**
 * {@link ConsoleApi} and {@link ConsolePage}, the core every HTTP front uses: answered directly, they give what the
 * console on the JDK's server sends, status, headers and body, so that a front adds nothing but its caller.
 */
class ConsoleApiCoreTest {

    @RegisterExtension
    final Closer closer = new Closer();
    private final ConsoleFixture console = closer.keep(new ConsoleFixture());
    private final AtomicReference<ConsoleSource> source = new AtomicReference<>();

    private void start() {
        console.start(List.of(EndpointConfig.of("scanner", console.receiver().url())), s -> {
            source.set(s);
            return s;
        });
    }

    private static ConsoleCaller as(String token) {
        return () -> token.equals(OPERATOR) ? ConsoleConfig.Role.OPERATOR : ConsoleConfig.Role.VIEWER;
    }

    private static void assertSame(HttpResponse<String> sent, ConsoleAnswer answer) {
        assertEquals(sent.statusCode(), answer.status(), sent.body());
        assertEquals(sent.body(), answer.text());
        answer.headers().forEach((name, value) -> assertEquals(value, sent.headers().firstValue(name).orElse(null),
                name));
    }

    @Test
    void theApiAnswersDirectlyWhatTheJdkServerSends() throws IOException {
        start();
        ConsoleApi api = ConsoleApi.of(source.get());
        String[][] requests = {
            {"GET", "session", null, VIEWER},
            {"GET", "endpoints/scanner/dead-letters", null, VIEWER},
            {"GET", "endpoints/nobody", null, VIEWER},
            {"GET", "endpoints/scanner/attempts", "limit=0", VIEWER},
            {"GET", "events/an-id", null, VIEWER},
            {"GET", "endpoints", "token=abc", OPERATOR},
            {"POST", "endpoints/scanner/disable", null, VIEWER},
            {"POST", "endpoints/scanner/replay", "since=yesterday", OPERATOR},
            {"PUT", "endpoints/scanner/dead-letters", null, OPERATOR},
            {"GET", "no/such/path", null, OPERATOR},
            {"DELETE", "endpoints/scanner/dead-letters", null, OPERATOR},
        };
        for (String[] r : requests) {
            HttpResponse<String> sent = console.call(r[0], "/console/api/" + r[1] + (r[2] == null ? "" : "?" + r[2]),
                    r[3]);
            assertSame(sent, api.answer(new ConsoleCall(r[0], r[1], r[2], as(r[3]), null, null)));
        }
    }

    @Test
    void thePageAnswersDirectlyWhatTheJdkServerSends() {
        start();
        ConsolePage page = ConsolePage.load();
        for (String name : new String[] {"", "console.js", "console.css", "nothing.html"}) {
            assertSame(console.call("GET", "/console/" + name, null), page.answer("GET", name));
        }
        assertSame(console.call("POST", "/console/", null), page.answer("POST", ""));
    }

    @Test
    void aCallerThatRefusesIsAnsweredWithItsErrorAndNothingElseIsAsked() throws IOException {
        start();
        ConsoleApi api = ConsoleApi.of(source.get());
        ConsoleCaller stranger = () -> {
            throw new ConsoleException(401, "unauthorized", "sign in");
        };

        ConsoleAnswer answer = api.answer(new ConsoleCall("DELETE", "endpoints/scanner/dead-letters", null, stranger,
                "3", new ByteArrayInputStream(new byte[3])));

        assertEquals(401, answer.status());
        assertEquals("{\"code\":\"unauthorized\",\"message\":\"sign in\"}", answer.text());
    }

    @Test
    void aBodyTheServerReadsItselfIsJudgedByItsDeclaredLength() throws IOException {
        start();
        ConsoleApi api = ConsoleApi.of(source.get());

        ConsoleAnswer answer = api.answer(new ConsoleCall("POST", "endpoints/scanner/enable", null, as(OPERATOR),
                Integer.toString(ConsoleApi.MAX_BODY + 1), null));

        assertEquals(413, answer.status());
        assertThrows(NullPointerException.class, () -> new ConsoleCall("GET", "session", null, null, null, null));
    }
}

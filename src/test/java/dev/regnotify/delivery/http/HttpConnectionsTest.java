package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** How a receiver is named in messages, from its URL (nothing is connected here). */
class HttpConnectionsTest {

    private static String receiver(String url) {
        try (HttpConnections connections = new HttpConnections(URI.create(url), HttpConnections::defaultTls)) {
            return connections.receiver();
        }
    }

    @Test
    void theReceiverIsNamedByHostAndPortWithTheSchemesDefault() {
        assertEquals("hooks.example.com:443", receiver("https://user:pw@hooks.example.com/x?token=t"));
        assertEquals("hooks.example.com:80", receiver("http://hooks.example.com"));
        assertEquals("127.0.0.1:8080", receiver("http://127.0.0.1:8080/events"));
    }

    @Test
    void anIpv6AddressKeepsItsBracketsOnlyWhereAUrlWouldHaveThem() {
        assertEquals("[::1]:8080", receiver("http://[::1]:8080/events"));
        assertEquals("[2001:db8::7]:443", receiver("https://[2001:db8::7]/events"));
    }
}

package dev.regnotify.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.Format;
import dev.regnotify.config.RetryConfig;
import dev.regnotify.delivery.events.DeliveryEvent;
import dev.regnotify.delivery.events.EndpointDisabled;
import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.Notifications;
import dev.regnotify.testing.Polling;
import dev.regnotify.testing.Receiver;
import dev.regnotify.testing.Receiver.Answer;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/** An operator's controls over JMX: disable, and the last error (its time and its redacted cause). */
class OperatorControlTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private final List<DeliveryEvent> told = new CopyOnWriteArrayList<>();
    private Endpoint endpoint;
    private Receiver receiver;

    @AfterEach
    void close() {
        if (endpoint != null) {
            JmxRegistration.unregister(endpoint.name());
            endpoint.close(Duration.ZERO);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private ObjectName start(String name, URI url) {
        EndpointConfig config = EndpointConfig.builder(name, url).retry(RetryConfig.exponential(Duration.ofMillis(5),
                Duration.ofMillis(20))).build();
        endpoint = Endpoint.start(config, new DistributionFormat(Format.V1, new NotificationFactory(null, false)),
                new InMemoryQueue(100), Executors.defaultThreadFactory(), null, told::add);
        assertTrue(JmxRegistration.register(endpoint.metrics()));
        return JmxRegistration.objectName(name);
    }

    @Test
    void anOperatorDisablesOverJmxItIsLoggedAndToldAsAnOperatorsDoingAndNothingIsSentUntilEnabled()
            throws Exception {
        receiver = Receiver.start();
        ObjectName mbean = start("held", receiver.url());

        try (LogCapture log = LogCapture.start()) {
            assertEquals(true, JMX.invoke(mbean, "disable", null, null));
            assertEquals(false, JMX.invoke(mbean, "disable", null, null), "disabled already");
            assertEquals(1, log.containing("RN-330 endpoint held is disabled: an operator disabled it").size(),
                    log.lines()::toString);
        }
        assertEquals(true, JMX.getAttribute(mbean, "Disabled"));
        EndpointDisabled disabled = (EndpointDisabled) told.stream().filter(EndpointDisabled.class::isInstance)
                .findFirst().orElseThrow();
        assertEquals("an operator disabled it", disabled.reason());
        endpoint.offer(Notifications.numbered(1));
        assertEquals(1L, JMX.getAttribute(mbean, "Pending"));

        assertEquals(true, JMX.invoke(mbean, "enable", null, null));
        receiver.awaitAccepted(1, WAIT);
        assertEquals(1, receiver.attempts(), "nothing was tried while disabled");
    }

    @Test
    void theLastErrorIsAJmxAttributeWithItsTimeAndTheStatusLine() throws Exception {
        receiver = Receiver.start().answering(n -> n <= 2 ? Answer.refusal(503, "token=abc123 in a body")
                : Answer.status(200));
        ObjectName mbean = start("flaky", receiver.url());
        assertEquals("", JMX.getAttribute(mbean, "LastError"), "none yet");
        assertEquals("", JMX.getAttribute(mbean, "LastErrorTime"));
        Instant before = Instant.now();

        endpoint.offer(Notifications.numbered(1));
        receiver.awaitAccepted(1, WAIT);

        assertEquals("503 Service Unavailable", JMX.getAttribute(mbean, "LastError"), "the status line, no body");
        Instant at = Instant.parse((String) JMX.getAttribute(mbean, "LastErrorTime"));
        assertFalse(at.isBefore(before.minusSeconds(1)) || at.isAfter(Instant.now()), at.toString());
    }

    @Test
    void anUnreachableReceiversErrorNamesItsHostAndPortAndTheCauseButNoCredentialOrQuery() throws Exception {
        int port = Receiver.freePort();
        ObjectName mbean = start("gone", URI.create("http://user:s3cret-pw@127.0.0.1:" + port
                + "/hook?token=q-secret"));

        endpoint.offer(Notifications.numbered(1));
        Polling.await("an attempt failed", WAIT, () -> !endpoint.metrics().getLastError().isEmpty());

        String error = (String) JMX.getAttribute(mbean, "LastError");
        assertTrue(error.contains("127.0.0.1:" + port), error);
        assertFalse(error.contains("s3cret") || error.contains("q-secret") || error.contains("user"), error);
    }
}

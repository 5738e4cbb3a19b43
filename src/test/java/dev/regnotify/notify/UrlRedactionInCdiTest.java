package dev.regnotify.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import dev.regnotify.cdi.NotificationMetrics;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.RegnotifyConfig;
import dev.regnotify.delivery.metrics.JmxRegistration;
import dev.regnotify.testing.Containers;
import dev.regnotify.testing.LogCapture;
import dev.regnotify.testing.ProducedConfig;
import dev.regnotify.testing.Receiver;

/** The start line (RN-300), the MBeans and the metrics an application serves show no webhook URL's path or query. */
class UrlRedactionInCdiTest {

    @Test
    void theStartLineJmxAndServedMetricsShowNeitherPathNorQuery() throws Exception {
        int port = Receiver.freePort();
        ProducedConfig.next = RegnotifyConfig.DEFAULT
                .withEndpoint(EndpointConfig.of("cdi-slack", URI.create("http://127.0.0.1:" + port
                        + "/services/T0000SECRET/B0000SECRET/XXXXSECRET")))
                .withEndpoint(EndpointConfig.of("cdi-token", URI.create("http://127.0.0.1:" + port
                        + "/hook?TOKENSECRET")));
        try (LogCapture log = LogCapture.start();
                WeldContainer container = Containers.weld(Containers.withMemoryStorage())
                        .addBeanClasses(ProducedConfig.class).initialize()) {
            List<String> started = log.containing("RN-300");
            assertEquals(1, started.size(), log.lines()::toString);
            assertTrue(started.get(0).contains("cdi-slack (http://127.0.0.1:" + port + "/<redacted>), cdi-token "
                    + "(http://127.0.0.1:" + port + "/<redacted>?<redacted>)"), started.get(0));
            NotificationMetrics metrics = container.select(NotificationMetrics.class).get();
            StringBuilder shown = new StringBuilder(String.join("\n", log.lines()));
            shown.append(metrics.snapshotJson()).append(metrics.prometheusText());
            for (String name : List.of("cdi-slack", "cdi-token")) {
                shown.append(ManagementFactory.getPlatformMBeanServer().getAttribute(
                        JmxRegistration.objectName(name), "Url"));
            }
            // the snapshot escapes < and > as Go's expvar does
            String snapshotUrl = "\"url\":\"http://127.0.0.1:" + port + "/\\u003credacted\\u003e\"";
            assertTrue(shown.toString().contains(snapshotUrl), shown::toString);
            assertFalse(shown.toString().contains("SECRET"), shown::toString);
        } finally {
            ProducedConfig.next = RegnotifyConfig.DEFAULT;
        }
    }
}

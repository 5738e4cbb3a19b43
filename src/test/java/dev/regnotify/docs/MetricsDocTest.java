package dev.regnotify.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.delivery.Endpoint;
import dev.regnotify.delivery.InMemoryQueue;
import dev.regnotify.delivery.metrics.MetricsSnapshot;
import dev.regnotify.delivery.metrics.PrometheusText;
import dev.regnotify.wire.DistributionFormat;
import dev.regnotify.wire.NotificationFactory;

/** docs/metrics.md says where each counter is exported as the JSON snapshot and the Prometheus text really are. */
class MetricsDocTest {

    @Test
    void noCounterTheDocCallsJmxOnlyIsInTheSnapshotOrThePrometheusText() throws IOException {
        EndpointConfig config = EndpointConfig.of("doc-counters", URI.create("http://127.0.0.1:9/x"));
        Endpoint endpoint = Endpoint.start(config, new DistributionFormat(config.format(),
                new NotificationFactory(null, false)), new InMemoryQueue(10), Executors.defaultThreadFactory());
        String json;
        StringBuilder prometheus = new StringBuilder();
        try {
            json = MetricsSnapshot.json(List.of(new MetricsSnapshot.Row(endpoint.config(), endpoint.metrics())));
            PrometheusText.write(List.of(endpoint.metrics()), -1, prometheus);
        } finally {
            endpoint.close(Duration.ZERO);
        }
        String doc = Files.readString(Path.of("docs", "metrics.md"));
        List<String> rows = doc.lines().takeWhile(line -> !line.startsWith("## "))
                .filter(line -> line.startsWith("| `")).toList();
        assertFalse(rows.isEmpty(), "the counters' table");
        for (String row : rows) {
            String counter = row.substring(3, row.indexOf('`', 3));
            String key = "\"" + counter.substring(0, 1).toUpperCase(Locale.ROOT) + counter.substring(1) + "\":";
            boolean exported = json.contains(key) || prometheus.indexOf("registry_notifications_" + counter + "_total")
                    >= 0;
            assertFalse(exported && row.toLowerCase(Locale.ROOT).contains("jmx only"), row + "\nbut the snapshot is "
                    + json + "\nand the Prometheus text\n" + prometheus);
            assertTrue(json.contains(key), counter + " is in the JSON snapshot: " + json);
        }
    }
}

package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The window warm-up's real HTTP client against ingest-service's query contract (samples oldest
 * first from {@code from}, {@code limit} per page, {@code truncated} + {@code next} for the next
 * page, key in {@code X-API-Key}), served by a JDK HTTP server over an in-test sample store.
 */
class IngestWindowSourceUnitTest {

    static final long T0 = 1_700_000_000_000L;
    static final JsonMapper JSON = JsonMapper.builder().build();

    HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveStoredTelemetry() throws Exception {
        // 3000 samples one second apart; sample 100 lacks "flow" (ingest stores sensors as they arrive)
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/machines/", exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            keys.add(exchange.getRequestHeaders().getFirst("X-API-Key"));
            if (!exchange.getRequestURI().getPath().equals("/api/v1/machines/press-1/telemetry")) {
                byte[] body = "{\"title\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            Map<String, String> q = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            long from = Instant.parse(q.get("from")).toEpochMilli();
            long to = Instant.parse(q.get("to")).toEpochMilli();
            int limit = Integer.parseInt(q.get("limit"));
            List<Map<String, Object>> samples = new ArrayList<>();
            Instant next = null;
            for (int r = 0; r < 3000; r++) {
                long ts = T0 + r * 1000L;
                if (ts < from || ts >= to) {
                    continue;
                }
                if (samples.size() == limit) {
                    next = Instant.ofEpochMilli(ts);
                    break;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("pressure", (double) r);
                if (r != 100) {
                    values.put("flow", r / 10.0);
                }
                samples.add(Map.of("ts", Instant.ofEpochMilli(ts).toString(), "values", values));
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("machineId", "press-1");
            page.put("samples", samples);
            page.put("truncated", next != null);
            page.put("next", next == null ? null : next.toString());
            byte[] body = JSON.writeValueAsBytes(page);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    IngestWindowSource source() {
        return new IngestWindowSource(
                "http://127.0.0.1:" + server.getAddress().getPort(), "read-key", Duration.ofSeconds(5));
    }

    @Test
    void returnsTheLastSamplesBeforeTheTimeOldestFirstFollowingPages() {
        // the span holds 2000 samples: two pages of 1000; only the last 11 are kept
        var samples = source().last("press-1", Instant.ofEpochMilli(T0 + 2500_000L), Duration.ofSeconds(2000), 11);

        assertThat(samples).hasSize(11);
        assertThat(samples.get(0).ts()).isEqualTo(T0 + 2489_000L);
        assertThat(samples.get(10).ts()).isEqualTo(T0 + 2499_000L);
        assertThat(samples.get(10).values()).containsEntry("pressure", 2499.0).containsEntry("flow", 249.9);
        assertThat(queries).hasSize(2);
        assertThat(queries.get(1)).contains("from=2023-11-14T22:38:20Z");
        assertThat(keys).containsOnly("read-key");
    }

    @Test
    void aSampleMissingASensorComesBackWithTheSensorsStored() {
        var samples = source().last("press-1", Instant.ofEpochMilli(T0 + 101_000L), Duration.ofSeconds(11), 11);

        assertThat(samples).hasSize(11);
        assertThat(samples.get(10).ts()).isEqualTo(T0 + 100_000L);
        assertThat(samples.get(10).values()).containsOnlyKeys("pressure");
    }

    @Test
    void aRefusalNamesTheMachineAndStatus() {
        assertThatThrownBy(() -> source().last("press-2", Instant.ofEpochMilli(T0), Duration.ofSeconds(10), 5))
                .hasMessageContaining("press-2")
                .hasMessageContaining("404");
    }
}

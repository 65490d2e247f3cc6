package io.linewatch.monitor.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest telemetry source against a tiny real HTTP server that answers like ingest-service's
 * query API (documented in docs/ingest-storage.md): paging with next/truncated, the READ key,
 * sensors arriving separately, an unknown machine.
 */
class IngestTelemetrySourceUnitTest {

    HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/machines/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String path = exchange.getRequestURI().getPath();
            queries.add(path + "?" + query);
            int status;
            String body;
            if (!"read-key".equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
                status = 401;
                body = "{\"title\":\"Unauthorized\"}";
            } else if (path.contains("/unknown/")) {
                status = 404;
                body = "{\"type\":\"urn:linewatch:problem:not-found\",\"detail\":\"no telemetry for unknown\"}";
            } else if (query.contains("from=2026-01-01T00:00:00Z")) {
                status = 200;
                body = """
                        {"machineId":"press-1","truncated":true,"next":"2026-01-01T00:00:02.001Z","samples":[
                         {"ts":"2026-01-01T00:00:00Z","values":{"temp":20.0}},
                         {"ts":"2026-01-01T00:00:01Z","values":{"temp":20.5,"speed":1200.0}},
                         {"ts":"2026-01-01T00:00:02Z","values":{"speed":1210.0}}]}""";
            } else {
                status = 200;
                body = """
                        {"machineId":"press-1","truncated":false,"next":null,"samples":[
                         {"ts":"2026-01-01T00:00:03Z","values":{"temp":21.0,"speed":1220.0}}]}""";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    IngestTelemetrySource source(String key) {
        return new IngestTelemetrySource(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                key,
                JsonMapper.builder().build());
    }

    @Test
    void pagesThroughTheRangeCarryingMissingSensorsForwardInTheRequestedOrder() throws IOException {
        CsvTrainingData data = source("read-key")
                .read(
                        List.of("press-1"),
                        List.of("speed", "temp"),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-01T01:00:00Z"),
                        100);
        assertThat(data.sensors()).containsExactly("speed", "temp");
        // the first sample lacks speed and is dropped; the third carries temp forward
        assertThat(data.rows()).isDeepEqualTo(new double[][] {{1200.0, 20.5}, {1210.0, 20.5}, {1220.0, 21.0}});
        assertThat(queries).hasSize(2);
        assertThat(queries.get(0))
                .startsWith("/api/v1/machines/press-1/telemetry?")
                .contains("sensors=speed,temp", "to=2026-01-01T01:00:00Z", "limit=" + IngestTelemetrySource.PAGE);
        assertThat(queries.get(1)).contains("from=2026-01-01T00:00:02.001Z");
    }

    @Test
    void refusalsNameTheMachineAndTheStatus() {
        assertThatThrownBy(() ->
                        source("read-key").read(List.of("unknown"), List.of("temp"), Instant.EPOCH, Instant.now(), 100))
                // RestClient wraps the IOException of the exchange; its message is what the job records
                .hasMessageContaining("ingest-service refused telemetry of machine unknown")
                .hasMessageContaining("404");
        assertThatThrownBy(() ->
                        source("wrong").read(List.of("press-1"), List.of("temp"), Instant.EPOCH, Instant.now(), 100))
                .hasMessageContaining("401");
        assertThatThrownBy(() -> source("read-key")
                        .read(
                                List.of("press-1"),
                                List.of("speed", "temp"),
                                Instant.parse("2026-01-01T00:00:00Z"),
                                Instant.parse("2026-01-01T01:00:00Z"),
                                2))
                .hasMessageContaining("max-rows");
    }
}

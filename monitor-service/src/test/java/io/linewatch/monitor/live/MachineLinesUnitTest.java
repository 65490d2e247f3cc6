package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The line look-up's real HTTP client against ingest-service's asset contract
 * ({@code GET /api/v1/machines/{id}} -> {@code {id, lineId, ...}}, 404 for an unknown machine, key
 * in {@code X-API-Key}), served by a JDK HTTP server over an in-test asset table.
 */
class MachineLinesUnitTest {

    HttpServer server;
    final Map<String, String> lineOf = new ConcurrentHashMap<>();
    final List<String> asked = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();
    Instant now = Instant.parse("2026-11-27T00:00:00Z");

    @BeforeEach
    void serveAssets() throws Exception {
        lineOf.put("press-1", "line-a");
        lineOf.put("loose-1", ""); // auto-registered in lenient mode: no line
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/machines/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/api/v1/machines/".length());
            asked.add(id);
            keys.add(exchange.getRequestHeaders().getFirst("X-API-Key"));
            String line = lineOf.get(id);
            int status = down.get() ? 503 : line == null ? 404 : 200;
            String body = status != 200
                    ? "{\"title\":\"no\"}"
                    : line.isEmpty()
                            ? "{\"id\":\"" + id + "\",\"lineId\":null,\"autoRegistered\":true}"
                            : "{\"id\":\"" + id + "\",\"lineId\":\"" + line + "\",\"type\":\"press\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
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

    MachineLines lines() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new MachineLines(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "read-key",
                Duration.ofSeconds(2),
                Duration.ofMinutes(5),
                clock);
    }

    @Test
    void theLineIsTheAssetRegistrysAndNullForAMachineWithoutOneOrUnknown() {
        MachineLines lines = lines();

        assertThat(lines.lineOf("press-1")).isEqualTo("line-a");
        assertThat(lines.lineOf("loose-1")).isNull();
        assertThat(lines.lineOf("ghost")).isNull();
        assertThat(keys).containsOnly("read-key");
    }

    @Test
    void anAnswerIsKeptForTheRefreshIntervalThenAskedAgain() {
        MachineLines lines = lines();
        lines.lineOf("press-1");
        lineOf.put("press-1", "line-b"); // moved to another line

        now = now.plus(Duration.ofMinutes(4));
        assertThat(lines.lineOf("press-1")).isEqualTo("line-a");
        assertThat(asked).containsExactly("press-1");

        now = now.plus(Duration.ofMinutes(2));
        assertThat(lines.lineOf("press-1")).isEqualTo("line-b");
        assertThat(asked).containsExactly("press-1", "press-1");
    }

    @Test
    void whileIngestServiceCannotAnswerTheLastKnownLineIsUsedAndNotAskedForUntilTheNextRefresh() {
        MachineLines lines = lines();
        lines.lineOf("press-1");
        down.set(true);
        now = now.plus(Duration.ofMinutes(6));

        assertThat(lines.lineOf("press-1")).isEqualTo("line-a");
        assertThat(lines.lineOf("press-1")).isEqualTo("line-a");
        assertThat(asked).hasSize(2);
        assertThat(lines.lineOf("never-seen")).isNull();

        down.set(false);
        now = now.plus(Duration.ofMinutes(6));
        assertThat(lines.lineOf("never-seen")).isNull(); // 404 now: unknown, not an outage
        assertThat(lines.lineOf("press-1")).isEqualTo("line-a");
    }
}

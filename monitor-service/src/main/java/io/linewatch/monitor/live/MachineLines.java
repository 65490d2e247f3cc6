package io.linewatch.monitor.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production line of a machine, as ingest-service's asset registry has it
 * ({@code GET /api/v1/machines/{id}}, field {@code lineId}; key with role READ). Telemetry does not
 * carry the line, and the asset registry is where a plant assigns machines to lines, so this is
 * the source. Each answer is kept for {@code refresh}; a machine ingest-service does not know (404)
 * or that has no line (auto-registered in lenient mode) has none (null). When ingest-service cannot
 * be asked, the last known line is used (null if there is none) and asking again waits for the
 * next {@code refresh}, so an outage does not slow scoring down.
 */
final class MachineLines {

    private static final Logger log = LoggerFactory.getLogger(MachineLines.class);

    private record Known(String lineId, long fetchedAt) {}

    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration refresh;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    MachineLines(String baseUrl, String apiKey, Duration timeout, Duration refresh, Clock clock) {
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        this.http = RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(factory)
                .defaultHeader("X-API-Key", apiKey)
                .build();
        this.refresh = refresh;
        this.clock = clock;
    }

    /** The machine's line id, or null when it has none or it was never learned. */
    String lineOf(String machineId) {
        long now = clock.millis();
        Known cached = known.get(machineId);
        if (cached != null && now - cached.fetchedAt() < refresh.toMillis()) {
            return cached.lineId();
        }
        String line;
        try {
            line = fetch(machineId);
        } catch (RuntimeException e) {
            line = cached == null ? null : cached.lineId();
            log.warn("Line of machine {} not read from ingest-service, using {}: {}", machineId, line, e.toString());
        }
        known.put(machineId, new Known(line, now));
        return line;
    }

    private String fetch(String machineId) {
        return http.get().uri("/api/v1/machines/{id}", machineId).exchange((request, response) -> {
            String text = new String(response.getBody().readAllBytes());
            if (response.getStatusCode().value() == 404) {
                return null;
            }
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw new UncheckedIOException(new IOException(
                        "ingest-service refused machine " + machineId + ": " + response.getStatusCode() + " " + text));
            }
            JsonNode line = json.readTree(text).get("lineId");
            return line == null || line.isNull() ? null : line.asString();
        });
    }
}

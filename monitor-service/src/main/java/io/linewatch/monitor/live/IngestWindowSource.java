package io.linewatch.monitor.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A machine's most recent stored samples before a time, from ingest-service's query API
 * ({@code GET /api/v1/machines/{id}/telemetry?from&to&limit}, key with role READ). That API
 * returns samples oldest first from {@code from}, so the source asks for the span that can hold
 * a window ({@code (W + 1) x max-gap} before the sample) and keeps the last ones, following
 * {@code next} while the page is {@code truncated}.
 */
final class IngestWindowSource {

    static final int PAGE = 1000;

    /** One stored sample: the sensors ingest-service has a value for at that time. */
    record StoredSample(long ts, Map<String, Double> values) {}

    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    IngestWindowSource(String baseUrl, String apiKey, Duration timeout) {
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        this.http = RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(factory)
                .defaultHeader("X-API-Key", apiKey)
                .build();
    }

    /** At most {@code max} samples of the machine in {@code [before - span, before)}, oldest first. */
    List<StoredSample> last(String machineId, Instant before, Duration span, int max) {
        Deque<StoredSample> kept = new ArrayDeque<>(max + 1);
        String cursor = before.minus(span).toString();
        while (true) {
            String start = cursor;
            String body = http.get()
                    .uri(b -> b.path("/api/v1/machines/{id}/telemetry")
                            .queryParam("from", start)
                            .queryParam("to", before.toString())
                            .queryParam("limit", PAGE)
                            .build(machineId))
                    .exchange((request, response) -> {
                        String text = new String(response.getBody().readAllBytes());
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new UncheckedIOException(new IOException("ingest-service refused telemetry of "
                                    + machineId + ": " + response.getStatusCode() + " " + text));
                        }
                        return text;
                    });
            JsonNode page = json.readTree(body);
            for (JsonNode sample : page.path("samples")) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (var field : sample.path("values").properties()) {
                    if (field.getValue().isNumber()) {
                        values.put(field.getKey(), field.getValue().asDouble());
                    }
                }
                JsonNode ts = sample.path("ts");
                long at = ts.isNumber()
                        ? ts.asLong()
                        : Instant.parse(ts.asString()).toEpochMilli();
                kept.addLast(new StoredSample(at, values));
                if (kept.size() > max) {
                    kept.removeFirst();
                }
            }
            JsonNode next = page.get("next");
            if (!page.path("truncated").asBoolean(false) || next == null || next.isNull()) {
                return new ArrayList<>(kept);
            }
            cursor = next.asString();
        }
    }
}

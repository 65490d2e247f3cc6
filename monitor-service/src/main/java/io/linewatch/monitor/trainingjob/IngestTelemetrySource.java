package io.linewatch.monitor.trainingjob;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training rows from ingest-service's query API
 * ({@code GET /api/v1/machines/{id}/telemetry?from&to&sensors&limit}, key with role READ), paged
 * with {@code next} while {@code truncated}. A sample missing a sensor carries that sensor's last
 * value forward (ingest stores each sensor as it arrives); samples before every sensor has been
 * seen once are dropped. Several machines are concatenated in the order given.
 */
final class IngestTelemetrySource {

    static final int PAGE = 5000;

    private final RestClient http;
    private final JsonMapper json;

    IngestTelemetrySource(String baseUrl, String apiKey, JsonMapper json) {
        this.http = RestClient.builder()
                .baseUrl(baseUrl)
                .defaultHeader("X-API-Key", apiKey)
                .build();
        this.json = json;
    }

    CsvTrainingData read(List<String> machines, List<String> sensors, Instant from, Instant to, int maxRows)
            throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String machine : machines) {
            double[] last = new double[sensors.size()];
            boolean[] seen = new boolean[sensors.size()];
            int seenCount = 0;
            String cursor = from.toString();
            while (true) {
                String start = cursor;
                String body = http.get()
                        .uri(b -> b.path("/api/v1/machines/{id}/telemetry")
                                .queryParam("from", start)
                                .queryParam("to", to.toString())
                                .queryParam("sensors", String.join(",", sensors))
                                .queryParam("limit", PAGE)
                                .build(machine))
                        .exchange((request, response) -> {
                            String text = new String(response.getBody().readAllBytes());
                            if (!response.getStatusCode().is2xxSuccessful()) {
                                throw new IOException("ingest-service refused telemetry of machine " + machine + ": "
                                        + response.getStatusCode() + " " + text);
                            }
                            return text;
                        });
                JsonNode page = json.readTree(body);
                for (JsonNode sample : page.path("samples")) {
                    JsonNode values = sample.path("values");
                    for (int s = 0; s < sensors.size(); s++) {
                        JsonNode v = values.get(sensors.get(s));
                        if (v != null && v.isNumber()) {
                            last[s] = v.asDouble();
                            if (!seen[s]) {
                                seen[s] = true;
                                seenCount++;
                            }
                        }
                    }
                    if (seenCount == sensors.size()) {
                        if (rows.size() >= maxRows) {
                            throw new IOException("more than " + maxRows + " telemetry rows (max-rows)");
                        }
                        rows.add(last.clone());
                    }
                }
                JsonNode next = page.get("next");
                if (!page.path("truncated").asBoolean(false) || next == null || next.isNull()) {
                    break;
                }
                cursor = next.asString();
            }
        }
        return new CsvTrainingData(List.copyOf(sensors), rows.toArray(double[][]::new));
    }
}

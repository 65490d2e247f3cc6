package io.linewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.security.ApiKeyRole;
import io.linewatch.common.security.ApiKeyService;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole telemetry path in one service: a gateway POSTs samples (strict mode, registered
 * assets), ingest validates them into Kafka, the storing consumer writes them to PostgreSQL, and
 * a dashboard key reads them back raw and downsampled; a second POST of the same samples (a
 * gateway retry) changes nothing.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 2)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.topics.telemetry-partitions=2",
            "linewatch.ingest.mqtt.enabled=false",
            "linewatch.storage.fetch-max-wait=20ms"
        })
class TelemetryEndToEndIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    @Test
    void postedTelemetryIsStoredOnceAndQueryableRawAndDownsampled() {
        admin(HttpMethod.POST, "/api/v1/lines", Map.of("id", "line-e2e", "name", "End to end"));
        admin(HttpMethod.POST, "/api/v1/machines", Map.of("id", "press-e2e", "lineId", "line-e2e", "type", "press"));
        admin(
                HttpMethod.PUT,
                "/api/v1/machines/press-e2e/sensors/temp",
                Map.of("name", "temp", "unit", "C", "min", -20, "max", 150));
        admin(
                HttpMethod.PUT,
                "/api/v1/machines/press-e2e/sensors/speed",
                Map.of("name", "speed", "unit", "rpm", "min", 0, "max", 3000));
        String key = keys.create("gateway-and-dashboard", Set.of(ApiKeyRole.INGEST, ApiKeyRole.READ), "test")
                .key();

        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            String ts =
                    i % 2 == 0 ? Long.toString(base.plusSeconds(i).toEpochMilli()) : "\"" + base.plusSeconds(i) + "\"";
            body.append(i == 0 ? "" : ",")
                    .append("{\"machineId\":\"press-e2e\",\"ts\":")
                    .append(ts)
                    .append(",\"values\":{\"temp\":")
                    .append(20 + i * 0.5)
                    .append(",\"speed\":")
                    .append(1000 + i)
                    .append("}}");
        }
        String samples = body.append("]").toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            var posted = client().post()
                    .uri("/api/v1/telemetry")
                    .header("X-API-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(samples)
                    .retrieve()
                    .toEntity(JsonNode.class);
            assertThat(posted.getStatusCode())
                    .as(String.valueOf(posted.getBody()))
                    .isEqualTo(HttpStatus.OK);
            assertThat(posted.getBody().get("accepted").asInt()).isEqualTo(60);
        }

        String range = "from=" + base + "&to=" + base.plusSeconds(60);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stored("/api/v1/machines/press-e2e/telemetry?" + range, key) == 60);
        JsonNode raw = get("/api/v1/machines/press-e2e/telemetry?" + range, key);
        JsonNode last = raw.get("samples").get(59);
        assertThat(Instant.parse(last.get("ts").asString())).isEqualTo(base.plusSeconds(59));
        assertThat(last.get("values").get("temp").asDouble()).isEqualTo(49.5);
        assertThat(last.get("values").get("speed").asDouble()).isEqualTo(1059.0);

        JsonNode minute = get("/api/v1/machines/press-e2e/telemetry?" + range + "&step=1m&sensors=speed", key);
        assertThat(minute.get("buckets")).hasSize(1);
        assertThat(minute.get("buckets").get(0).get("values").get("speed").toString())
                .isEqualTo("{\"avg\":1029.5,\"min\":1000.0,\"max\":1059.0}");
    }

    private void admin(HttpMethod method, String path, Object body) {
        var response = client().method(method)
                .uri(path)
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toBodilessEntity();
        assertThat(response.getStatusCode().is2xxSuccessful())
                .as(method + " " + path)
                .isTrue();
    }

    private JsonNode get(String uri, String key) {
        var response =
                client().get().uri(uri).header("X-API-Key", key).retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode())
                .as(String.valueOf(response.getBody()))
                .isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** Samples stored so far; the machine is unknown to storage (404) until its first sample lands. */
    private int stored(String uri, String key) {
        var response =
                client().get().uri(uri).header("X-API-Key", key).retrieve().toEntity(JsonNode.class);
        return response.getStatusCode() == HttpStatus.OK
                ? response.getBody().get("samples").size()
                : 0;
    }

    private RestClient client() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
    }
}

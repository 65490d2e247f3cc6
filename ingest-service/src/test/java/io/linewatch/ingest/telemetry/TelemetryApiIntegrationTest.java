package io.linewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.security.ApiKeyRole;
import io.linewatch.common.security.ApiKeyService;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.ingest.TelemetryTopic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

/**
 * The HTTP telemetry API in strict mode, end to end into a real (embedded) Kafka broker, with
 * every record checked by a real consumer.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.ingest.mqtt.enabled=false",
            "linewatch.storage.enabled=false",
            "linewatch.ingest.telemetry.atomic-max-samples=100",
            "linewatch.ingest.telemetry.chunk-size=7",
            "linewatch.ingest.telemetry.max-in-flight-chunks=2"
        })
class TelemetryApiIntegrationTest {

    static final String MACHINE = "press-1";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ApiKeyService keys;

    TelemetryTopic topic;
    String ingestKey;
    String readKey;

    @BeforeAll
    void registerAssets() {
        topic = new TelemetryTopic(brokers, "linewatch.telemetry.v1");
        ingestKey = keys.create("gateway", Set.of(ApiKeyRole.INGEST), "test").key();
        readKey = keys.create("dashboard", Set.of(ApiKeyRole.READ), "test").key();
        admin("POST", "/api/v1/lines", Map.of("id", "line-a", "name", "Line A"));
        for (String machine : List.of(MACHINE, "press-2", "press-3", "press-4")) {
            admin("POST", "/api/v1/machines", Map.of("id", machine, "lineId", "line-a", "type", "press"));
            admin(
                    "PUT",
                    "/api/v1/machines/" + machine + "/sensors/temp",
                    Map.of("name", "temp", "unit", "C", "min", -20, "max", 150));
            admin(
                    "PUT",
                    "/api/v1/machines/" + machine + "/sensors/speed",
                    Map.of("name", "speed", "unit", "rpm", "min", 0, "max", 3000));
        }
    }

    @AfterAll
    void closeTopic() {
        topic.close();
    }

    RestClient client() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
    }

    void admin(String method, String path, Object body) {
        var response = client().method(org.springframework.http.HttpMethod.valueOf(method))
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

    ResponseEntity<Map> post(String path, String contentType, String body) {
        return client().post()
                .uri(path)
                .header("X-API-Key", ingestKey)
                .contentType(MediaType.parseMediaType(contentType))
                .body(body)
                .retrieve()
                .toEntity(Map.class);
    }

    static long now() {
        return System.currentTimeMillis();
    }

    @Test
    void aJsonArrayIsAcknowledgedOnlyWhenEveryRecordIsInKafkaKeyedByMachine() {
        long ts = now() - 1000;
        String iso = Instant.ofEpochMilli(ts + 1).toString();
        var response = post(
                "/api/v1/telemetry",
                "application/json",
                "[{\"machineId\":\"press-2\",\"ts\":" + ts + ",\"values\":{\"temp\":20.5,\"speed\":1200}},"
                        + "{\"machineId\":\"press-2\",\"ts\":\"" + iso + "\",\"values\":{\"temp\":21}}]");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody())
                .containsEntry("status", "accepted")
                .containsEntry("accepted", 2)
                .containsEntry("acceptedPoints", 3)
                .containsEntry("rejected", 0);
        List<ConsumerRecord<String, String>> records = topic.await("press-2", 2);
        assertThat(records).hasSize(2);
        Map<String, Object> first = TelemetryTopic.value(records.get(0));
        assertThat(first)
                .containsEntry("schemaVersion", 1)
                .containsEntry("machineId", "press-2")
                .containsEntry("ts", ts)
                .containsEntry("values", Map.of("temp", 20.5, "speed", 1200.0));
        assertThat(((Number) first.get("receivedAt")).longValue()).isGreaterThanOrEqualTo(ts);
        assertThat(TelemetryTopic.value(records.get(1))).containsEntry("ts", ts + 1);
        assertThat(records.get(0).headers().lastHeader("__TypeId__")).isNull();
    }

    @Test
    void ndjsonCsvAndThePerMachineEndpointLandTheSameSamples() {
        long ts = now() - 5000;
        var ndjson = post(
                "/api/v1/telemetry",
                "application/x-ndjson",
                "{\"machineId\":\"press-3\",\"ts\":" + ts + ",\"values\":{\"temp\":1}}\n"
                        + "{\"machineId\":\"press-3\",\"ts\":" + (ts + 1) + ",\"values\":{\"temp\":2}}\n");
        var csv = post(
                "/api/v1/telemetry",
                "text/csv",
                "machineId,ts,temp,speed\npress-3," + (ts + 2) + ",3,100\npress-3," + Instant.ofEpochMilli(ts + 3)
                        + ",4,\n");
        var single = post(
                "/api/v1/machines/press-3/telemetry",
                "application/json",
                "{\"ts\":" + (ts + 4) + ",\"values\":{\"temp\":5}}");
        var many = post(
                "/api/v1/machines/press-3/telemetry",
                "application/json",
                "[{\"ts\":" + (ts + 5) + ",\"values\":{\"temp\":6}},{\"ts\":" + (ts + 6)
                        + ",\"values\":{\"temp\":7}}]");

        for (var response : List.of(ndjson, csv, single, many)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody()).containsEntry("rejected", 0);
        }
        List<ConsumerRecord<String, String>> records = topic.await("press-3", 7);
        assertThat(records).hasSize(7);
        for (int i = 0; i < 7; i++) {
            Map<String, Object> value = TelemetryTopic.value(records.get(i));
            assertThat(value).containsEntry("ts", ts + i).containsEntry("machineId", "press-3");
            assertThat(value.get("values").toString()).contains("temp=" + (double) (i + 1));
        }
        assertThat(TelemetryTopic.value(records.get(2))).containsEntry("values", Map.of("temp", 3.0, "speed", 100.0));
    }

    @Test
    void everyKindOfBadSampleIsReportedRowByRowAndOnlyTheValidOnesReachKafka() {
        long ts = now() - 10_000;
        String body = "["
                + sample("press-4", ts, "{\"temp\":30}") // 0 valid
                + "," + sample("ghost", ts, "{\"temp\":30}") // 1 unknown machine
                + "," + sample("press-4", ts, "{\"humidity\":30}") // 2 unknown sensor
                + "," + sample("press-4", ts, "{\"temp\":\"warm\"}") // 3 not numeric
                + "," + sample("press-4", ts, "{\"temp\":NaN}") // 4 NaN
                + "," + sample("press-4", ts, "{\"temp\":\"Infinity\"}") // 5 Infinity
                + "," + sample("press-4", ts, "{\"temp\":151}") // 6 above max
                + "," + sample("press-4", ts, "{\"speed\":-1}") // 7 below min
                + "," + sample("press-4", now() + 3_600_000, "{\"temp\":30}") // 8 future
                + "," + sample("press-4", 1000, "{\"temp\":30}") // 9 too old
                + ",{\"machineId\":\"press-4\",\"ts\":\"last tuesday\",\"values\":{\"temp\":30}}" // 10
                + ",{\"machineId\":\"press-4\",\"values\":{\"temp\":30}}" // 11 no ts
                + ",{\"machineId\":\"press-4\",\"ts\":" + ts + "}" // 12 no values
                + ",\"not a sample\"" // 13
                + "," + sample("press-4", ts + 1, "{\"temp\":31,\"speed\":5}") // 14 valid
                + "]";

        var response = post("/api/v1/telemetry", "application/json", body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.MULTI_STATUS);
        assertThat(response.getBody())
                .containsEntry("status", "partially_accepted")
                .containsEntry("received", 15)
                .containsEntry("accepted", 2)
                .containsEntry("rejected", 13);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) response.getBody().get("errors");
        assertThat(errors)
                .extracting(e -> e.get("index") + " " + e.get("field") + " " + e.get("reason"))
                .containsExactly(
                        "1 machineId unknown_machine",
                        "2 values.humidity unknown_sensor",
                        "3 values.temp not_numeric",
                        "4 values.temp not_finite",
                        "5 values.temp not_finite",
                        "6 values.temp out_of_range",
                        "7 values.speed out_of_range",
                        "8 ts ts_in_future",
                        "9 ts ts_too_old",
                        "10 ts invalid_timestamp",
                        "11 ts missing_field",
                        "12 values missing_field",
                        "13 row malformed");
        assertThat(errors).allSatisfy(e -> assertThat((String) e.get("message")).isNotBlank());

        List<ConsumerRecord<String, String>> records = topic.await("press-4", 2);
        assertThat(topic.settle("press-4")).hasSize(2);
        assertThat(TelemetryTopic.value(records.get(0))).containsEntry("ts", ts);
        assertThat(TelemetryTopic.value(records.get(1))).containsEntry("ts", ts + 1);
    }

    @Test
    void csvRowsWithBadCellsAreRejectedAndTheRestAccepted() {
        long ts = now() - 20_000;
        var response = post(
                "/api/v1/telemetry",
                "text/csv",
                "machineId,ts,temp,speed\n"
                        + MACHINE + "," + ts + ",20,100\n"
                        + MACHINE + "," + ts + ",abc,100\n"
                        + MACHINE + "," + ts + ",NaN,100\n"
                        + MACHINE + "," + ts + ",20\n"
                        + MACHINE + "," + ts + ",,\n");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.MULTI_STATUS);
        assertThat(response.getBody()).containsEntry("accepted", 1).containsEntry("rejected", 4);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) response.getBody().get("errors");
        assertThat(errors)
                .extracting(e -> e.get("index") + " " + e.get("reason"))
                .containsExactly("1 not_numeric", "2 not_finite", "3 malformed", "4 missing_field");
    }

    @Test
    void aRequestWithNothingValidIsUnprocessableAndAMalformedBodyIsABadRequest() {
        var none = post("/api/v1/telemetry", "application/json", "[" + sample("ghost", now(), "{\"temp\":1}") + "]");
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(none.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(none.getBody())
                .containsEntry("type", "urn:linewatch:problem:telemetry-rejected")
                .containsEntry("accepted", 0)
                .containsEntry("rejected", 1);

        long ts = now() - 30_000;
        var broken = post(
                "/api/v1/telemetry",
                "application/json",
                "[" + sample(MACHINE, ts, "{\"temp\":1}") + ",{\"machineId\":");
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(broken.getBody())
                .containsEntry("type", "urn:linewatch:problem:malformed-request")
                .containsEntry("accepted", 1)
                .containsEntry("firstUnacceptedIndex", 1);

        var header = post("/api/v1/telemetry", "text/csv", "ts,machineId,temp\n1,m,2\n");
        assertThat(header.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) header.getBody().get("detail")).contains("first column must be 'machineId'");

        var mismatch =
                post("/api/v1/machines/press-1/telemetry", "application/json", sample("press-2", ts, "{\"temp\":1}"));
        assertThat(mismatch.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(mismatch.getBody().toString()).contains("machine_mismatch");
    }

    @Test
    void atomicRequestsSendNothingUnlessEveryRowIsValid() {
        String machine = "atomic-1";
        admin("POST", "/api/v1/machines", Map.of("id", machine, "lineId", "line-a"));
        admin("PUT", "/api/v1/machines/" + machine + "/sensors/temp", Map.of("name", "temp", "min", 0, "max", 100));
        long ts = now() - 40_000;

        var refused = post(
                "/api/v1/telemetry?atomic=true",
                "application/json",
                "[" + sample(machine, ts, "{\"temp\":1}") + "," + sample(machine, ts + 1, "{\"temp\":1000}") + "]");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.getBody()).containsEntry("accepted", 0).containsEntry("rejected", 1);

        StringBuilder tooMany = new StringBuilder("machineId,ts,temp\n");
        for (int i = 0; i < 101; i++) {
            tooMany.append(machine).append(',').append(ts + 100 + i).append(",1\n");
        }
        var tooLarge = post("/api/v1/telemetry?atomic=true", "text/csv", tooMany.toString());
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(tooLarge.getBody()).containsEntry("accepted", 0);

        var accepted = post(
                "/api/v1/telemetry?atomic=true",
                "application/json",
                "[" + sample(machine, ts + 2, "{\"temp\":2}") + "," + sample(machine, ts + 3, "{\"temp\":3}") + "]");
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(accepted.getBody()).containsEntry("accepted", 2);

        // Same machine, same partition: had anything of the refused requests been sent, it would
        // arrive before these two.
        List<ConsumerRecord<String, String>> records = topic.await(machine, 2);
        assertThat(topic.settle(machine))
                .extracting(r -> TelemetryTopic.value(r).get("ts"))
                .containsExactly(ts + 2, ts + 3);
        assertThat(records).hasSize(2);
    }

    @Test
    void manyChunksOfOneRequestAreAllAcknowledgedBeforeTheAnswer() {
        String machine = "press-1";
        long ts = now() - 3_600_000;
        StringBuilder csv = new StringBuilder("machineId,ts,temp,speed\n");
        for (int i = 0; i < 100; i++) {
            csv.append(machine)
                    .append(',')
                    .append(ts + i)
                    .append(',')
                    .append(i % 100)
                    .append(",10\n");
        }
        var response = post("/api/v1/telemetry", "text/csv", csv.toString());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("accepted", 100).containsEntry("acceptedPoints", 200);
        assertThat(topic.await(machine, 100))
                .extracting(r -> TelemetryTopic.value(r).get("ts"))
                .startsWith(ts, ts + 1);
    }

    @Test
    void telemetryNeedsTheIngestRoleAndTheAssetModelNeedsReadOrOperate() {
        String body = "[" + sample(MACHINE, now(), "{\"temp\":1}") + "]";
        var anonymous = client().post()
                .uri("/api/v1/telemetry")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(Map.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        var reader = client().post()
                .uri("/api/v1/telemetry")
                .header("X-API-Key", readKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(Map.class);
        assertThat(reader.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(reader.getBody()).containsEntry("type", "urn:linewatch:problem:forbidden");

        var gatewayReads = client().get()
                .uri("/api/v1/machines")
                .header("X-API-Key", ingestKey)
                .retrieve()
                .toEntity(String.class);
        assertThat(gatewayReads.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var dashboardReads = client().get()
                .uri("/api/v1/machines/press-1/sensors")
                .header("X-API-Key", readKey)
                .retrieve()
                .toEntity(List.class);
        assertThat(dashboardReads.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(dashboardReads.getBody()).hasSize(2);
        var dashboardWrites = client().post()
                .uri("/api/v1/lines")
                .header("X-API-Key", readKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", "x", "name", "x"))
                .retrieve()
                .toEntity(Map.class);
        assertThat(dashboardWrites.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void acceptedAndRejectedSamplesAreCountedInPrometheusMetrics() {
        post("/api/v1/telemetry", "application/json", "[" + sample("ghost", now(), "{\"temp\":1}") + "]");
        String metrics = client().get()
                .uri("/actuator/prometheus")
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .retrieve()
                .body(String.class);
        assertThat(metrics)
                .contains("linewatch_ingest_samples_accepted_total{")
                .containsPattern("linewatch_ingest_samples_rejected_total\\{.*reason=\"unknown_machine\".*\\} [1-9]")
                .contains("linewatch_ingest_kafka_send_seconds")
                .contains("linewatch_ingest_request_bytes")
                .contains("linewatch_ingest_backpressure_lag");
    }

    @Test
    void theOpenApiDocumentDescribesEveryTelemetryFormat() {
        String docs = client().get()
                .uri("/v3/api-docs")
                .header("X-API-Key", readKey)
                .retrieve()
                .body(String.class);
        assertThat(docs)
                .contains(
                        "/api/v1/telemetry", "/api/v1/machines/{machineId}/telemetry", "/api/v1/machines/{id}/sensors")
                .contains("text/csv", "application/x-ndjson");
    }

    static String sample(String machine, long ts, String values) {
        return "{\"machineId\":\"" + machine + "\",\"ts\":" + ts + ",\"values\":" + values + "}";
    }
}

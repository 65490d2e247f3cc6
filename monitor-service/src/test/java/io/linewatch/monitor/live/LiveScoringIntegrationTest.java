package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
import io.linewatch.monitor.training.SyntheticMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.monitor.live.enabled=true",
            "linewatch.monitor.live.model-name=test-press",
            "linewatch.monitor.live.model-version=7",
            "linewatch.monitor.live.metrics-max-machines=1",
            "linewatch.monitor.live.lag-interval=500ms"
        })
class LiveScoringIntegrationTest {

    static final List<String> SENSORS = List.of("pressure", "current", "flow");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void trainedModel(DynamicPropertyRegistry registry) throws IOException {
        // a model trained here on generated normal operation, saved as the bundle the service loads
        DetectorSettings settings =
                new DetectorSettings(10, 16, 0.01, 15, 32, 5, 0.25, 0.8, 99, 1.5, new AlarmPolicy(3, 0.8, 5, 0.5), 42L);
        var trained = new DetectorTrainer(settings).train(SyntheticMachine.normal(400, 3, 1), SENSORS);
        Path file = Files.createTempFile("linewatch-live-model", ".zip");
        file.toFile().deleteOnExit();
        trained.bundle().save(file);
        registry.add("linewatch.monitor.live.model-file", file::toString);
    }

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @Test
    void aFaultOnOneMachineRaisesAndClearsAnomaliesNamingItsSensorWhileNormalDataAndPoisonRaiseNothing()
            throws Exception {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new StringSerializer())) {
            send(producer, "press-normal", SyntheticMachine.normal(300, 3, 2));
            // a machine whose first 30 samples lack "flow" (skipped, documented), then complete samples
            double[][] partial = SyntheticMachine.normal(300, 3, 4);
            for (int r = 0; r < partial.length; r++) {
                Map<String, Double> values = r < 30
                        ? Map.of("pressure", partial[r][0], "current", partial[r][1])
                        : Map.of("pressure", partial[r][0], "current", partial[r][1], "flow", partial[r][2]);
                producer.send(new ProducerRecord<>(
                        "linewatch.telemetry.v1",
                        "press-partial",
                        JSON.writeValueAsString(Map.of(
                                "schemaVersion",
                                1,
                                "machineId",
                                "press-partial",
                                "ts",
                                T0 + r * 1000L,
                                "receivedAt",
                                T0 + r * 1000L,
                                "values",
                                values))));
            }
            producer.send(new ProducerRecord<>("linewatch.telemetry.v1", "press-poison", "{not json"));
            send(
                    producer,
                    "press-faulty",
                    SyntheticMachine.withFault(SyntheticMachine.normal(300, 3, 3), 2, 100, 160, 3.0));
            producer.flush();
        }

        RestClient client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
        List<ConsumerRecord<String, String>> anomalies = new CopyOnWriteArrayList<>();
        List<ConsumerRecord<String, String>> deadLetters = new CopyOnWriteArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                        ConsumerConfig.GROUP_ID_CONFIG, "live-scoring-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("linewatch.anomalies.v1", "linewatch.telemetry.v1.dlt"));
            // done when the faulty machine's last sample is scored (its events are published before
            // its batch completes) and every stored episode's two events have arrived
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    (record.topic().endsWith(".dlt") ? deadLetters : anomalies).add(record);
                }
                var health = client.get()
                        .uri("/api/v1/machines/press-faulty/health")
                        .retrieve()
                        .toEntity(String.class);
                if (!health.getStatusCode().is2xxSuccessful()
                        || !JSON.readTree(health.getBody())
                                .get("lastSampleAt")
                                .asString()
                                .equals(java.time.Instant.ofEpochMilli(T0 + 299_000L)
                                        .toString())) {
                    return false;
                }
                int episodes = get(client, "/api/v1/anomalies?machine=press-faulty", HttpStatus.OK)
                        .size();
                return episodes > 0 && anomalies.size() == 2 * episodes && !deadLetters.isEmpty();
            });
        }

        // the fault is on a sensor the model differences (periodic, autocorrelated), so its onset and
        // its end each show as an episode; every episode is raised once and cleared once
        assertThat(anomalies).allMatch(r -> r.key().equals("press-faulty"));
        for (int i = 0; i < anomalies.size(); i += 2) {
            JsonNode raised = JSON.readTree(anomalies.get(i).value());
            JsonNode ended = JSON.readTree(anomalies.get(i + 1).value());
            assertThat(raised.has("endedAt")).isFalse();
            assertThat(ended.get("anomalyId").asString())
                    .isEqualTo(raised.get("anomalyId").asString());
        }
        JsonNode detected = JSON.readTree(anomalies.get(0).value());
        JsonNode cleared = JSON.readTree(anomalies.get(1).value());
        assertThat(detected.get("machineId").asString()).isEqualTo("press-faulty");
        assertThat(detected.get("topSensors").get(0).get("sensor").asString()).isEqualTo("flow");
        assertThat(detected.get("score").asDouble())
                .isGreaterThan(detected.get("threshold").asDouble());
        assertThat(detected.get("modelName").asString()).isEqualTo("test-press");
        assertThat(detected.get("modelVersion").asInt()).isEqualTo(7);
        // the fault spans samples 100-159, one second apart from t0
        long started =
                java.time.Instant.parse(detected.get("startedAt").asString()).toEpochMilli();
        assertThat(started).isBetween(T0 + 100_000L, T0 + 130_000L);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).key()).isEqualTo("press-poison");
        assertThat(deadLetters.get(0).value()).isEqualTo("{not json");

        JsonNode stored = get(client, "/api/v1/anomalies?machine=press-faulty", HttpStatus.OK);
        assertThat(stored.size()).isEqualTo(anomalies.size() / 2);
        JsonNode first = stored.get(stored.size() - 1); // newest first
        assertThat(first.get("anomalyId").asString())
                .isEqualTo(detected.get("anomalyId").asString());
        assertThat(first.get("state").asString()).isEqualTo("CLEARED");
        assertThat(java.time.Instant.parse(first.get("endedAt").asString()))
                .isEqualTo(java.time.Instant.parse(cleared.get("endedAt").asString()));
        assertThat(first.get("topSensors").get(0).get("sensor").asString()).isEqualTo("flow");
        assertThat(get(client, "/api/v1/anomalies?machine=press-normal", HttpStatus.OK)
                        .size())
                .isZero();
        assertThat(get(client, "/api/v1/anomalies?state=CLEARED&from=2023-01-01T00:00:00Z&limit=1", HttpStatus.OK)
                        .size())
                .isEqualTo(1);
        assertThat(get(client, "/api/v1/anomalies?state=OPEN", HttpStatus.OK).size())
                .isZero();
        assertThat(get(client, "/api/v1/anomalies?state=bogus", HttpStatus.BAD_REQUEST)
                        .get("parameter")
                        .asString())
                .isEqualTo("state");
        assertThat(get(client, "/api/v1/anomalies?limit=0", HttpStatus.BAD_REQUEST)
                        .get("detail")
                        .asString())
                .contains("limit must be between 1 and 1000");
        assertThat(get(client, "/api/v1/anomalies?from=yesterday", HttpStatus.BAD_REQUEST)
                        .get("type")
                        .asString())
                .isEqualTo("urn:linewatch:problem:validation");
        assertThat(get(
                                client,
                                "/api/v1/anomalies?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z",
                                HttpStatus.BAD_REQUEST)
                        .get("parameter")
                        .asString())
                .isEqualTo("from");

        JsonNode health = get(client, "/api/v1/machines/press-faulty/health", HttpStatus.OK);
        assertThat(health.get("state").asString()).isEqualTo("OK");
        assertThat(health.get("contributions").size()).isEqualTo(3);
        assertThat(health.get("modelVersion").asInt()).isEqualTo(7);
        assertThat(java.time.Instant.parse(health.get("lastSampleAt").asString())
                        .toEpochMilli())
                .isEqualTo(T0 + 299_000L);
        // the machine whose first samples lacked a sensor is scored from its first complete window on
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(java.time.Instant.parse(
                                        get(client, "/api/v1/machines/press-partial/health", HttpStatus.OK)
                                                .get("lastSampleAt")
                                                .asString())
                                .toEpochMilli())
                        .isEqualTo(T0 + 299_000L));
        assertThat(get(client, "/api/v1/anomalies?machine=press-partial", HttpStatus.OK)
                        .size())
                .isZero();
        assertThat(get(client, "/api/v1/machines/no-such-press/health", HttpStatus.NOT_FOUND)
                        .get("detail")
                        .asString())
                .contains("no-such-press");
        // Prometheus: per-machine gauges for one machine only (the cap), every machine counted by state,
        // scoring latency and batch sizes, and the scoring group's lag once read after the commits
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(metrics)
                    .contains("linewatch_monitor_scoring_latency_seconds_count")
                    .contains("linewatch_monitor_scoring_batch_size_windows_count")
                    .contains("linewatch_monitor_machines{application=\"monitor-service\",state=\"OK\"} 3.0")
                    .contains(
                            "linewatch_monitor_consumer_lag{application=\"monitor-service\",group=\"monitor-scoring\"} 0.0");
            assertThat(metrics.lines().filter(l -> l.startsWith("linewatch_monitor_machine_score{")))
                    .hasSize(1);
            assertThat(metrics.lines().filter(l -> l.startsWith("linewatch_monitor_machine_state{")))
                    .hasSize(1);
        });

        org.springframework.http.HttpStatusCode withoutKey = RestClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/api/v1/anomalies")
                .exchange((req, res) -> res.getStatusCode());
        assertThat(withoutKey).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static JsonNode get(RestClient client, String uri, HttpStatus expected) {
        var response = client.get().uri(uri).retrieve().toEntity(String.class);
        assertThat(response.getStatusCode())
                .as(uri + " -> " + response.getBody())
                .isEqualTo(expected);
        return JSON.readTree(response.getBody());
    }

    static final long T0 = 1_700_000_000_000L;

    static void send(KafkaProducer<String, String> producer, String machine, double[][] rows) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            Map<String, Double> values = Map.of("pressure", rows[r][0], "current", rows[r][1], "flow", rows[r][2]);
            String json = JSON.writeValueAsString(Map.of(
                    "schemaVersion",
                    1,
                    "machineId",
                    machine,
                    "ts",
                    T0 + r * 1000L,
                    "receivedAt",
                    T0 + r * 1000L,
                    "values",
                    values));
            records.add(new ProducerRecord<>("linewatch.telemetry.v1", machine, json));
        }
        records.forEach(producer::send);
    }
}

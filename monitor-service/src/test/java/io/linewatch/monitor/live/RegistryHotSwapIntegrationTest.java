package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.security.ApiKeyRole;
import io.linewatch.common.security.ApiKeyService;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.monitor.InProcessRegistry;
import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.RegistryArtifact;
import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
import io.linewatch.monitor.training.SyntheticMachine;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real registry in-process: models trained here are registered, promoted and assigned; the
 * monitor scores with version 1, swaps to version 2 mid-stream when the alias moves (windows kept,
 * no restart), and keeps version 2 when the alias moves to a version with another input contract.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.monitor.live.enabled=true",
            "linewatch.model-client.api-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.model-client.recheck-interval=1h"
        })
class RegistryHotSwapIntegrationTest {

    static final List<String> SENSORS = List.of("pressure", "current", "flow");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long T0 = 1_700_000_000_000L;
    static ConfigurableApplicationContext registry;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("linewatch.model-client.registry-url", () -> {
            if (registry == null) {
                registry = InProcessRegistry.start(System.getProperty("spring.embedded.kafka.brokers"));
            }
            return "http://127.0.0.1:" + InProcessRegistry.port(registry);
        });
        properties.add("linewatch.model-client.cache-dir", () -> tempDir("lw-model-cache"));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    @Test
    void anAssignedRegistryModelScoresSwapsMidStreamWithoutRestartAndABadVersionLeavesTheGoodOneServing()
            throws Exception {
        RestClient reg = client(InProcessRegistry.port(registry), TestKeys.BOOTSTRAP_ADMIN);
        RestClient monitor = client(port, TestKeys.BOOTSTRAP_ADMIN);
        assertThat(reg.post()
                        .uri("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of(
                                "name",
                                "press-anomaly",
                                "task",
                                "anomaly-lstm",
                                "description",
                                "press",
                                "tags",
                                Map.of()))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        register(reg, train(SENSORS, 15, 42L), "v1");
        promote(reg, 1);

        // machines declare their type; the type is assigned the model
        assertThat(put(
                        monitor,
                        "/api/v1/model-assignments/types/press",
                        Map.of("modelName", "press-anomaly", "alias", "production")))
                .isEqualTo(HttpStatus.OK);
        assertThat(put(monitor, "/api/v1/model-assignments/machines/press-7/type", Map.of("machineType", "press")))
                .isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofMinutes(1)).until(() -> servingVersion(monitor) == 1);

        try (var producer = producer();
                var consumer = consumer()) {
            consumer.subscribe(List.of("linewatch.anomalies.v1"));
            List<JsonNode> events = new CopyOnWriteArrayList<>();
            send(
                    producer,
                    "press-7",
                    SyntheticMachine.withFault(SyntheticMachine.normal(300, 3, 3), 2, 100, 160, 3.0),
                    0);
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                poll(consumer, events);
                return lastSampleAt(monitor, "press-7") == T0 + 299_000L && !events.isEmpty();
            });
            JsonNode detected = events.get(0);
            assertThat(detected.get("modelName").asString()).isEqualTo("press-anomaly");
            assertThat(detected.get("modelVersion").asInt()).isEqualTo(1);
            assertThat(detected.get("topSensors").get(0).get("sensor").asString())
                    .isEqualTo("flow");

            // version 2 takes over mid-stream: the very next sample is scored (window kept) by v2
            register(reg, train(SENSORS, 10, 43L), "v2");
            promote(reg, 2);
            await().atMost(Duration.ofMinutes(1)).until(() -> servingVersion(monitor) == 2);
            send(producer, "press-7", SyntheticMachine.normal(1, 3, 4), 300);
            await().atMost(Duration.ofSeconds(30)).until(() -> lastSampleAt(monitor, "press-7") == T0 + 300_000L);
            assertThat(health(monitor, "press-7").get("modelVersion").asInt()).isEqualTo(2);
            send(
                    producer,
                    "press-7",
                    SyntheticMachine.withFault(SyntheticMachine.normal(300, 3, 5), 2, 100, 160, 3.0),
                    301);
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                poll(consumer, events);
                return lastSampleAt(monitor, "press-7") == T0 + 600_000L
                        && !afterSwap(events).isEmpty();
            });
            assertThat(afterSwap(events)).allMatch(e -> e.get("modelVersion").asInt() == 2);

            // version 3 reads other sensors: refused by the loader, version 2 keeps scoring
            register(reg, train(List.of("pressure", "current"), 1, 44L), "v3 with another input contract");
            promote(reg, 3);
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> liveModel(monitor).path("lastFailure").isString());
            assertThat(liveModel(monitor).get("lastFailure").asString())
                    .contains("v3")
                    .contains("sensors");
            assertThat(servingVersion(monitor)).isEqualTo(2);
            send(producer, "press-7", SyntheticMachine.normal(1, 3, 6), 601);
            await().atMost(Duration.ofSeconds(30)).until(() -> lastSampleAt(monitor, "press-7") == T0 + 601_000L);
            assertThat(health(monitor, "press-7").get("modelVersion").asInt()).isEqualTo(2);
        }
    }

    @Test
    void assignmentsAreReadWithReadChangedWithOperateAndAMachineAssignmentBeatsItsType() {
        RestClient admin = client(port, TestKeys.BOOTSTRAP_ADMIN);
        RestClient reader = client(
                port, keys.create("dashboard", Set.of(ApiKeyRole.READ), "test").key());
        assertThat(put(
                        admin,
                        "/api/v1/model-assignments/types/lathe",
                        Map.of("modelName", "lathe-ae", "alias", "production")))
                .isEqualTo(HttpStatus.OK);
        assertThat(put(admin, "/api/v1/model-assignments/machines/lathe-2/type", Map.of("machineType", "lathe")))
                .isEqualTo(HttpStatus.OK);
        assertThat(put(admin, "/api/v1/model-assignments/machines/lathe-3/type", Map.of("machineType", "lathe")))
                .isEqualTo(HttpStatus.OK);
        assertThat(put(
                        admin,
                        "/api/v1/model-assignments/machines/lathe-3",
                        Map.of("modelName", "lathe-special", "alias", "staging")))
                .isEqualTo(HttpStatus.OK);

        JsonNode byType = get(reader, "/api/v1/model-assignments/machines/lathe-2", HttpStatus.OK);
        assertThat(byType.get("modelName").asString()).isEqualTo("lathe-ae");
        assertThat(byType.get("machineType").asString()).isEqualTo("lathe");
        JsonNode own = get(reader, "/api/v1/model-assignments/machines/lathe-3", HttpStatus.OK);
        assertThat(own.get("modelName").asString()).isEqualTo("lathe-special");
        assertThat(own.get("alias").asString()).isEqualTo("staging");
        assertThat(get(reader, "/api/v1/model-assignments", HttpStatus.OK).toString())
                .contains("lathe-ae", "lathe-special");

        assertThat(put(reader, "/api/v1/model-assignments/types/lathe", Map.of("modelName", "x", "alias", "y")))
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(admin, "/api/v1/model-assignments/machines/unknown-9", HttpStatus.NOT_FOUND)
                        .get("detail")
                        .asString())
                .contains("unknown-9");
        var bad = admin.put()
                .uri("/api/v1/model-assignments/machines/lathe-4")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("modelName", "has space", "alias", "production"))
                .retrieve()
                .toEntity(String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(bad.getBody()).get("field").asString()).isEqualTo("modelName");
        assertThat(admin.delete()
                        .uri("/api/v1/model-assignments/machines/lathe-3")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get(reader, "/api/v1/model-assignments/machines/lathe-3", HttpStatus.OK)
                        .get("modelName")
                        .asString())
                .isEqualTo("lathe-ae");
        assertThat(admin.delete()
                        .uri("/api/v1/model-assignments/machines/lathe-3")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static ModelBundle train(List<String> sensors, int epochs, long seed) {
        DetectorSettings settings = new DetectorSettings(
                10, 16, 0.01, epochs, 32, 5, 0.25, 0.8, 99, 1.5, new AlarmPolicy(3, 0.8, 5, 0.5), seed);
        return new DetectorTrainer(settings)
                .train(SyntheticMachine.normal(400, sensors.size(), 1), sensors)
                .bundle();
    }

    private static void register(RestClient reg, ModelBundle bundle, String description) throws Exception {
        var file = new HttpHeaders();
        file.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        file.setContentDisposition(ContentDisposition.formData()
                .name("artifact")
                .filename("model.zip")
                .build());
        var json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("artifact", new HttpEntity<>(new ByteArrayResource(RegistryArtifact.write(bundle)), file));
        parts.add(
                "metadata",
                new HttpEntity<>(JSON.writeValueAsString(RegistryArtifact.metadata(bundle, description)), json));
        var response = reg.post()
                .uri("/api/v1/models/press-anomaly/versions")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .toEntity(String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private static void promote(RestClient reg, int version) {
        assertThat(put(
                        reg,
                        "/api/v1/models/press-anomaly/aliases/production",
                        Map.of("version", version, "reason", "test")))
                .isEqualTo(HttpStatus.OK);
    }

    /** The monitor's view of press-anomaly@production (an empty object before it subscribed). */
    private static JsonNode liveModel(RestClient monitor) {
        for (JsonNode model : get(monitor, "/api/v1/live-models", HttpStatus.OK)) {
            if (model.get("modelName").asString().equals("press-anomaly")) {
                return model;
            }
        }
        return JSON.createObjectNode();
    }

    private static int servingVersion(RestClient monitor) {
        JsonNode model = liveModel(monitor);
        return model.has("servingVersion") ? model.get("servingVersion").asInt() : 0;
    }

    private static JsonNode health(RestClient monitor, String machine) {
        return get(monitor, "/api/v1/machines/" + machine + "/health", HttpStatus.OK);
    }

    private static long lastSampleAt(RestClient monitor, String machine) {
        var response = monitor.get()
                .uri("/api/v1/machines/{id}/health", machine)
                .retrieve()
                .toEntity(String.class);
        if (!response.getStatusCode().is2xxSuccessful()) {
            return 0;
        }
        return Instant.parse(
                        JSON.readTree(response.getBody()).get("lastSampleAt").asString())
                .toEpochMilli();
    }

    private static HttpStatus put(RestClient client, String uri, Object body) {
        return HttpStatus.valueOf(client.put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value());
    }

    private static JsonNode get(RestClient client, String uri, HttpStatus expected) {
        var response = client.get().uri(uri).retrieve().toEntity(String.class);
        assertThat(response.getStatusCode())
                .as(uri + " -> " + response.getBody())
                .isEqualTo(expected);
        return JSON.readTree(response.getBody());
    }

    private static RestClient client(int port, String key) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("X-API-Key", key)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                        ConsumerConfig.GROUP_ID_CONFIG, "hot-swap-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
    }

    /** Anomalies that started on samples sent after version 2 took over. */
    private static List<JsonNode> afterSwap(List<JsonNode> events) {
        return events.stream()
                .filter(e -> Instant.parse(e.get("startedAt").asString()).toEpochMilli() >= T0 + 300_000L)
                .toList();
    }

    private static void poll(KafkaConsumer<String, String> consumer, List<JsonNode> events) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode event = JSON.readTree(record.value());
            if (event.has("startedAt") && !event.has("endedAt")) {
                events.add(event);
            }
        }
    }

    /** Sends rows as samples one second apart, the first at T0 + offset seconds. */
    private static void send(KafkaProducer<String, String> producer, String machine, double[][] rows, int offset) {
        for (int r = 0; r < rows.length; r++) {
            long ts = T0 + (offset + r) * 1000L;
            String json = JSON.writeValueAsString(Map.of(
                    "schemaVersion", 1,
                    "machineId", machine,
                    "ts", ts,
                    "receivedAt", ts,
                    "values", Map.of("pressure", rows[r][0], "current", rows[r][1], "flow", rows[r][2])));
            producer.send(new ProducerRecord<>("linewatch.telemetry.v1", machine, json));
        }
        producer.flush();
    }

    private static String tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

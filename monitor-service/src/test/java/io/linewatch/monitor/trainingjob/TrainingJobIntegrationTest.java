package io.linewatch.monitor.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.monitor.InProcessRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training jobs end to end against a real model registry started in this JVM (its own database,
 * schema registry, the embedded broker, validator JVMs), then a forecast with the trained model.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.monitor.training-jobs.concurrency=1",
            "linewatch.monitor.training-jobs.queue-capacity=1",
            "linewatch.monitor.forecast.interval=10s",
            "linewatch.monitor.forecast.max-horizon=50"
        })
class TrainingJobIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static Path dataDir;
    static ConfigurableApplicationContext registry;
    static String registryUrl;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) throws IOException {
        dataDir = Files.createTempDirectory("linewatch-training-data");
        writeCsv(dataDir.resolve("normal.csv"), 900);
        properties.add("linewatch.monitor.training-jobs.csv-root", dataDir::toString);
        properties.add(
                "linewatch.monitor.training-jobs.output-dir",
                () -> dataDir.resolve("out").toString());
        properties.add("linewatch.monitor.training-jobs.registry-api-key", () -> TestKeys.BOOTSTRAP_ADMIN);
        properties.add("linewatch.monitor.training-jobs.registry-url", TrainingJobIntegrationTest::startRegistry);
        // forecasts come from the registry through the model client, at alias production
        properties.add("linewatch.model-client.registry-url", TrainingJobIntegrationTest::startRegistry);
        properties.add("linewatch.model-client.api-key", () -> TestKeys.BOOTSTRAP_ADMIN);
        properties.add(
                "linewatch.model-client.cache-dir",
                () -> dataDir.resolve("model-cache").toString());
        properties.add("linewatch.monitor.forecast.model-name", () -> "press-forecast");
    }

    static synchronized String startRegistry() {
        if (registry == null) {
            registry = InProcessRegistry.start(System.getProperty("spring.embedded.kafka.brokers"));
            registryUrl = InProcessRegistry.url(registry);
        }
        return registryUrl;
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    /** Three sensors of a machine in normal operation: two periodic, one slowly modulated. */
    static void writeCsv(Path file, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("datetime;pressure;current;flow\n");
        java.util.Random random = new java.util.Random(7);
        for (int t = 0; t < rows; t++) {
            csv.append(String.format(
                    Locale.ROOT,
                    "2026-01-01 00:%02d:%02d;%.5f;%.5f;%.5f%n",
                    (t / 60) % 60,
                    t % 60,
                    5 + Math.sin(t / 6.0) + 0.02 * random.nextGaussian(),
                    10 + 2 * Math.cos(t / 9.0) + 0.02 * random.nextGaussian(),
                    3 + 0.5 * Math.sin(t / 6.0 + 1) + 0.02 * random.nextGaussian()));
        }
        Files.writeString(file, csv.toString());
    }

    @LocalServerPort
    int port;

    RestClient client(String key) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> {
                    if (key != null) {
                        h.set("X-API-Key", key);
                    }
                })
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
    }

    ResponseEntity<JsonNode> submit(Map<String, Object> body) {
        return client(TestKeys.BOOTSTRAP_ADMIN)
                .post()
                .uri("/api/v1/training-jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    JsonNode job(String id) {
        return client(TestKeys.BOOTSTRAP_ADMIN)
                .get()
                .uri("/api/v1/training-jobs/{id}", id)
                .retrieve()
                .body(JsonNode.class);
    }

    static Map<String, Object> request(String name, String kind, int epochs, Map<String, Object> extra) {
        Map<String, Object> h = new LinkedHashMap<>(Map.of(
                "window", 12, "units", 12, "epochs", epochs, "learningRate", 0.01, "batchSize", 16, "patience", 3));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modelName", name);
        body.put("kind", kind);
        body.put("csv", Map.of("path", "normal.csv", "separator", ";"));
        body.put("hyperparameters", h);
        body.put("validationSplit", 0.25);
        body.putAll(extra);
        return body;
    }

    @Test
    void aJobTrainsRegistersItsVersionWithLineageAndItsForecasterForecasts() throws Exception {
        // a queued and a running job can be cancelled; a third job while both are there is refused
        // patience = epochs: early stopping cannot end this job before it is cancelled
        Map<String, Object> neverStops = Map.of(
                "hyperparameters",
                Map.of("window", 12, "units", 12, "epochs", 1000, "batchSize", 16, "patience", 1000));
        var running = submit(request("press-long", "autoencoder", 1000, neverStops));
        assertThat(running.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String longId = running.getBody().get("id").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> job(longId).get("epoch").asInt() >= 1);
        JsonNode progress = job(longId);
        assertThat(progress.get("state").asString()).isEqualTo("RUNNING");
        assertThat(progress.get("trainLoss").isNumber()).isTrue();
        assertThat(progress.get("validationLoss").isNumber()).isTrue();
        assertThat(progress.get("etaSeconds").asDouble()).isPositive();

        var queued = submit(request("press-queued", "autoencoder", 1000, Map.of()));
        assertThat(queued.getBody().get("state").asString()).isEqualTo("QUEUED");
        var refused = submit(request("press-third", "autoencoder", 5, Map.of()));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        String queuedId = queued.getBody().get("id").asString();
        var cancelQueued = client(TestKeys.BOOTSTRAP_ADMIN)
                .delete()
                .uri("/api/v1/training-jobs/{id}", queuedId)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(cancelQueued.getBody().get("state").asString()).isEqualTo("CANCELLED");
        client(TestKeys.BOOTSTRAP_ADMIN)
                .post()
                .uri("/api/v1/training-jobs/{id}/cancel", longId)
                .retrieve()
                .toBodilessEntity();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> job(longId).get("state").asString().equals("CANCELLED"));
        assertThat(job(longId).get("epoch").asInt()).isLessThan(1000);
        var again = client(TestKeys.BOOTSTRAP_ADMIN)
                .post()
                .uri("/api/v1/training-jobs/{id}/cancel", longId)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // a small streaming-forecaster job runs to SUCCEEDED and is registered
        var small = submit(request("press-forecast", "streaming-forecaster", 8, Map.of()));
        assertThat(small.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(small.getHeaders().getLocation())
                .hasToString(
                        "/api/v1/training-jobs/" + small.getBody().get("id").asString());
        String id = small.getBody().get("id").asString();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> List.of("SUCCEEDED", "FAILED")
                        .contains(job(id).get("state").asString()));
        JsonNode done = job(id);
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        int version = done.get("modelVersion").asInt();
        assertThat(version).isPositive();
        assertThat(done.get("epoch").asInt()).isBetween(1, 8);

        JsonNode registered = RestClient.create(registryUrl)
                .get()
                .uri("/api/v1/models/press-forecast/versions/{v}", version)
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .retrieve()
                .body(JsonNode.class);
        assertThat(registered.get("trainingData").get("trainingJob").asString()).isEqualTo(id);
        assertThat(registered.get("trainingData").get("source").asString()).isEqualTo("csv");
        assertThat(registered.get("contract").get("sensors").toString()).contains("pressure", "current", "flow");
        assertThat(registered.get("thresholds").get("anomaly").asDouble()).isPositive();
        assertThat(registered.get("metrics").get("bestEpoch").asInt()).isPositive();
        assertThat(registered.get("normalizer").get("mean").size()).isEqualTo(3);

        // promoted in the registry, the trained forecaster serves forecasts from recent samples
        RestClient.create(registryUrl)
                .put()
                .uri("/api/v1/models/press-forecast/aliases/production")
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", version, "reason", "trained by job " + id))
                .retrieve()
                .toBodilessEntity();
        List<Map<String, Object>> samples = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int t = 0; t < 60; t++) {
            samples.add(Map.of(
                    "timestamp", start.plusSeconds(10L * t).toString(),
                    "values",
                            Map.of(
                                    "pressure", 5 + Math.sin(t / 6.0),
                                    "current", 10 + 2 * Math.cos(t / 9.0),
                                    "flow", 3 + 0.5 * Math.sin(t / 6.0 + 1))));
        }
        // the model client loads the version asynchronously: 503 "not loaded yet" until then
        var forecast = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> client(TestKeys.BOOTSTRAP_ADMIN)
                                .post()
                                .uri("/api/v1/machines/press-1/forecast?horizon=5")
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(Map.of("samples", samples))
                                .retrieve()
                                .toEntity(JsonNode.class),
                        r -> r.getStatusCode() == HttpStatus.OK);
        JsonNode f = forecast.getBody();
        assertThat(f.get("timestamps").get(0).asString())
                .isEqualTo(start.plusSeconds(600).toString());
        assertThat(f.get("timestamps").get(4).asString())
                .isEqualTo(start.plusSeconds(640).toString());
        for (String sensor : List.of("pressure", "current", "flow")) {
            assertThat(f.get("sensors").get(sensor).size()).isEqualTo(5);
        }
        // denormalised: in the sensors' own units and ranges, not standardised values around 0
        assertThat(f.get("sensors").get("current").get(0).asDouble()).isBetween(7.0, 13.0);
        assertThat(f.get("sensors").get("pressure").get(0).asDouble()).isBetween(3.5, 6.5);

        var noRecent = client(TestKeys.BOOTSTRAP_ADMIN)
                .get()
                .uri("/api/v1/machines/press-1/forecast?horizon=5")
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(noRecent.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(noRecent.getBody().get("detail").asString()).contains("no recent data");
        var missingSensor = client(TestKeys.BOOTSTRAP_ADMIN)
                .post()
                .uri("/api/v1/machines/press-1/forecast?horizon=5")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "samples", List.of(Map.of("timestamp", start.toString(), "values", Map.of("pressure", 1.0)))))
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(missingSensor.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missingSensor.getBody().get("parameter").asString()).isEqualTo("samples[0].values.current");
    }

    @Test
    void badRequestsGetProblemsNamingTheField() {
        var problem = submit(Map.of(
                "modelName",
                "bad name!",
                "kind",
                "lstm",
                "csv",
                Map.of("path", "../../etc/passwd"),
                "hyperparameters",
                Map.of("window", 0, "learningRate", 2.0),
                "validationSplit",
                0.95));
        assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        problem.getBody().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "modelName",
                        "kind",
                        "csv.path",
                        "hyperparameters.window",
                        "hyperparameters.learningRate",
                        "validationSplit");
        var badTelemetry = submit(Map.of(
                "modelName", "ok",
                "kind", "autoencoder",
                "telemetry", Map.of("machines", List.of(), "sensors", List.of("temp", "temp"), "from", "yesterday")));
        List<String> telemetryFields = new ArrayList<>();
        badTelemetry
                .getBody()
                .get("errors")
                .forEach(e -> telemetryFields.add(e.get("field").asString()));
        assertThat(telemetryFields)
                .containsExactlyInAnyOrder(
                        "telemetry", "telemetry.machines", "telemetry.sensors", "telemetry.from", "telemetry.to");
        var both = submit(request("ok", "autoencoder", 1, Map.of("telemetry", Map.of())));
        assertThat(both.getBody().get("errors").get(0).get("field").asString()).isEqualTo("csv");
        var missingFile = submit(request("ok", "autoencoder", 1, Map.of("csv", Map.of("path", "absent.csv"))));
        assertThat(missingFile.getBody().get("errors").get(0).get("field").asString())
                .isEqualTo("csv.path");
        var layers = submit(request("ok", "autoencoder", 1, Map.of("hyperparameters", Map.of("layers", 2))));
        assertThat(layers.getBody().get("errors").get(0).get("field").asString())
                .isEqualTo("hyperparameters.layers");
        assertThat(client(TestKeys.BOOTSTRAP_ADMIN)
                        .get()
                        .uri("/api/v1/training-jobs/not-a-uuid")
                        .retrieve()
                        .toEntity(JsonNode.class)
                        .getBody()
                        .get("parameter")
                        .asString())
                .isEqualTo("id");
        assertThat(client(TestKeys.BOOTSTRAP_ADMIN)
                        .get()
                        .uri("/api/v1/training-jobs/" + java.util.UUID.randomUUID())
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(client(null)
                        .post()
                        .uri("/api/v1/training-jobs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request("ok", "autoencoder", 1, Map.of()))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        // forecasts: horizon validated, GET without a live window says there is no recent data
        RestClient reader = client(TestKeys.BOOTSTRAP_ADMIN);
        for (String horizon : List.of("0", "51", "abc")) {
            var bad = reader.get()
                    .uri("/api/v1/machines/press-1/forecast?horizon=" + horizon)
                    .retrieve()
                    .toEntity(JsonNode.class);
            assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(bad.getBody().get("parameter").asString()).isEqualTo("horizon");
        }
    }
}

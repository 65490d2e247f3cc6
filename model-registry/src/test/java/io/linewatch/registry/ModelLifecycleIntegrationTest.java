package io.linewatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.registry.LiveModel;
import io.linewatch.common.registry.ModelEventListener;
import io.linewatch.common.registry.ModelRegistryClient;
import io.linewatch.common.security.ApiKeyRole;
import io.linewatch.common.security.ApiKeyService;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.registry.artifact-root=${java.io.tmpdir}/lw-registry-lifecycle-${random.uuid}",
            "linewatch.outbox.poll-interval=200ms"
        })
class ModelLifecycleIntegrationTest {

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    RegistryApi admin() {
        return new RegistryApi(
                port,
                keys.create("model-admin", Set.of(ApiKeyRole.MODEL_ADMIN), "test")
                        .key());
    }

    @Test
    void registerListPromoteAndAClientInAnotherContextSwapsWithinSecondsAndRollsBack() throws Exception {
        RegistryApi api = admin();
        String reader =
                keys.create("pump-service", Set.of(ApiKeyRole.READ), "test").key();
        assertThat(api.createModel("pump-anomaly", "anomaly-lstm", Map.of("line", "L1"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        var v1 = api.register("pump-anomaly", TestNetworks.dense(1), TestNetworks.metadata("first"));
        var v2 = api.register("pump-anomaly", TestNetworks.dense(2), TestNetworks.metadata("second"));
        assertThat(v1.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(v2.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(v1.getBody()).containsEntry("version", 1).containsEntry("origin", "trained");
        assertThat(v2.getBody()).containsEntry("version", 2);
        assertThat(v2.getHeaders().getLocation()).hasToString("/api/v1/models/pump-anomaly/versions/2");

        var listed = api.get("/api/v1/models?task=anomaly-lstm&tag=line:L1&page=0&size=10");
        assertThat(listed.getBody()).containsEntry("total", 1);
        assertThat(api.get("/api/v1/models?tag=line:L2").getBody()).containsEntry("total", 0);
        assertThat(api.get("/api/v1/models?name=pump").getBody()).containsEntry("total", 1);

        try (KafkaConsumer<String, String> events = eventConsumer()) {
            assertThat(api.setAlias("pump-anomaly", "production", 1, "first release")
                            .getStatusCode())
                    .isEqualTo(HttpStatus.OK);

            Path cache = Files.createTempDirectory("lw-client-cache");
            try (var clientContext = ClientApplication.start(port, reader, brokers, cache, "1h")) {
                ModelRegistryClient client = clientContext.getBean(ModelRegistryClient.class);
                LiveModel<MultiLayerNetwork> live =
                        client.subscribe("pump-anomaly", "production", new Dl4jTestLoader());
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> live.current().map(m -> m.info().version()).orElse(0) == 1);
                assertThat(live.current().orElseThrow().info().normalizer()).containsEntry("type", "min-max");
                awaitListenerAssigned(clientContext);

                api.setAlias("pump-anomaly", "production", 2, "better recall");
                // The recheck interval is an hour: only the Kafka event can cause this swap.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> live.current().orElseThrow().info().version() == 2);

                api.setAlias("pump-anomaly", "production", 1, "rollback: false alarms on line 1");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> live.current().orElseThrow().info().version() == 1);
            }

            List<JsonNode> aliasEvents = new ArrayList<>();
            List<JsonNode> registered = new ArrayList<>();
            JsonMapper json = JsonMapper.builder().build();
            await().atMost(Duration.ofSeconds(20)).pollInSameThread().untilAsserted(() -> {
                for (var record : events.poll(Duration.ofMillis(500))) {
                    if (record.key().equals("pump-anomaly")) {
                        JsonNode event = json.readTree(record.value());
                        (event.get("type").asString().equals("ALIAS_SET") ? aliasEvents : registered).add(event);
                    }
                }
                assertThat(aliasEvents).hasSize(3);
                assertThat(registered).hasSize(2);
            });
            assertThat(aliasEvents.get(1).get("version").asInt()).isEqualTo(2);
            assertThat(aliasEvents.get(1).get("previousVersion").asInt()).isEqualTo(1);
            assertThat(aliasEvents.get(1).get("reason").asString()).isEqualTo("better recall");
            assertThat(aliasEvents.get(2).get("version").asInt()).isEqualTo(1);
        }

        var history = api.list("/api/v1/models/pump-anomaly/aliases/production/history");
        assertThat(history.getBody()).hasSize(3);
        assertThat(history.getBody().get(2).toString())
                .contains("fromVersion=2", "toVersion=1", "rollback: false alarms on line 1", "model-admin");
        var detail = api.get("/api/v1/models/pump-anomaly");
        assertThat(detail.getBody().get("aliases")).isEqualTo(Map.of("production", 1));
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void concurrentAliasMovesEndWithTheAliasAtTheLastMoveAndAnUnbrokenHistory() throws Exception {
        RegistryApi api = admin();
        api.createModel("press-defects", "defect-cnn", Map.of());
        for (int seed = 1; seed <= 3; seed++) {
            api.register("press-defects", TestNetworks.dense(10 + seed), TestNetworks.metadata("v" + seed));
        }
        var pool = Executors.newFixedThreadPool(6);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 30; i++) {
            int version = 1 + ThreadLocalRandom.current().nextInt(3);
            pool.execute(
                    () -> statuses.add(api.setAlias("press-defects", "staging", version, "move " + UUID.randomUUID())
                            .getStatusCode()
                            .value()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(statuses).hasSize(30).containsOnly(200);

        var history =
                api.list("/api/v1/models/press-defects/aliases/staging/history").getBody();
        Object previous = null;
        for (Object move : history) {
            Map<?, ?> m = (Map<?, ?>) move;
            assertThat(m.get("fromVersion")).isEqualTo(previous);
            previous = m.get("toVersion");
        }
        var resolved = api.get("/api/v1/models/press-defects/aliases/staging").getBody();
        assertThat(resolved.get("version")).isEqualTo(previous);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM outbox WHERE payload LIKE '%\"ALIAS_SET\"%' AND message_key = 'press-defects'")
                        .query(Long.class)
                        .single())
                .isEqualTo(history.size());
    }

    @Test
    void aVersionAnAliasPointsAtCannotBeDeletedAndAnUnaliasedOneCan() {
        RegistryApi api = admin();
        api.createModel("oven-rul", "rul-lstm", Map.of());
        api.register("oven-rul", TestNetworks.dense(21), TestNetworks.metadata("a"));
        api.register("oven-rul", TestNetworks.dense(22), TestNetworks.metadata("b"));
        api.setAlias("oven-rul", "production", 1, "go live");

        var refused = api.http()
                .delete()
                .uri("/api/v1/models/oven-rul/versions/1")
                .retrieve()
                .toEntity(Map.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody())
                .containsEntry("type", "urn:linewatch:problem:conflict")
                .containsEntry("aliases", List.of("production"));

        assertThat(api.http()
                        .delete()
                        .uri("/api/v1/models/oven-rul/versions/2")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.get("/api/v1/models/oven-rul/versions/2").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        var deleted = api.http()
                .delete()
                .uri("/api/v1/models/oven-rul/aliases/production?reason=retired")
                .retrieve()
                .toBodilessEntity();
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.get("/api/v1/models/oven-rul/aliases/production").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.http()
                        .delete()
                        .uri("/api/v1/models/oven-rul/versions/1")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void descriptionAndTagsCanBeUpdatedAndUnknownModelsAreNotFound() {
        RegistryApi api = admin();
        api.createModel("line-forecast", "forecast-lstm", Map.of("line", "L3"));

        var updated = api.http()
                .patch()
                .uri("/api/v1/models/line-forecast")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("description", "throughput forecast", "tags", Map.of("line", "L4")))
                .retrieve()
                .toEntity(Map.class);

        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(updated.getBody())
                .containsEntry("description", "throughput forecast")
                .containsEntry("tags", Map.of("line", "L4"));
        assertThat(api.get("/api/v1/models?tag=line:L4").getBody()).containsEntry("total", 1);
        assertThat(api.createModel("line-forecast", "forecast-lstm", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        var missing = api.get("/api/v1/models/no-such-model");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).containsEntry("type", "urn:linewatch:problem:not-found");
        var badName = api.createModel("bad name!", "forecast-lstm", Map.of());
        assertThat(badName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badName.getBody().get("errors").toString()).contains("name");
    }

    @Test
    void artifactsDownloadWithTheirSha256AsETagAndAMatchingIfNoneMatchIsNotModified() {
        RegistryApi api = admin();
        api.createModel("fan-anomaly", "anomaly-lstm", Map.of());
        byte[] artifact = TestNetworks.dense(31);
        api.register("fan-anomaly", artifact, TestNetworks.metadata("x"));

        var download = api.download("fan-anomaly", 1);
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getBody()).isEqualTo(artifact);
        String etag = "\"" + TestNetworks.sha256(artifact) + "\"";
        assertThat(download.getHeaders().getETag()).isEqualTo(etag);

        var cached = api.http()
                .get()
                .uri("/api/v1/models/fan-anomaly/versions/1/artifact")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .retrieve()
                .toBodilessEntity();
        assertThat(cached.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void readKeysReadAndOnlyModelAdminKeysChangeAnything() {
        RegistryApi admin = admin();
        admin.createModel("valve-anomaly", "anomaly-lstm", Map.of());
        admin.register("valve-anomaly", TestNetworks.dense(41), TestNetworks.metadata("x"));
        RegistryApi reader = new RegistryApi(
                port, keys.create("dashboard", Set.of(ApiKeyRole.READ), "test").key());
        RegistryApi anonymous = new RegistryApi(port, null);
        RegistryApi operator = new RegistryApi(
                port, keys.create("ops", Set.of(ApiKeyRole.OPERATE), "test").key());

        assertThat(anonymous.get("/api/v1/models").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(reader.get("/api/v1/models/valve-anomaly").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reader.download("valve-anomaly", 1).getStatusCode()).isEqualTo(HttpStatus.OK);

        var write = reader.setAlias("valve-anomaly", "production", 1, "sneaky");
        assertThat(write.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(write.getBody()).containsEntry("type", "urn:linewatch:problem:forbidden");
        assertThat(operator.register("valve-anomaly", TestNetworks.dense(42), TestNetworks.metadata("y"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(reader.createModel("other", "anomaly-lstm", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin.setAlias("valve-anomaly", "production", 1, "release").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private KafkaConsumer<String, String> eventConsumer() {
        var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        brokers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of("linewatch.model-events.v1"));
        return consumer;
    }

    private static void awaitListenerAssigned(org.springframework.context.ApplicationContext context) {
        var listener = context.getBean(ModelEventListener.class);
        await().atMost(Duration.ofSeconds(20)).until(listener::assigned);
    }
}

package io.linewatch.ingest.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.event.TelemetrySample;
import io.linewatch.common.security.ApiKeyRole;
import io.linewatch.common.security.ApiKeyService;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storing consumer against a real embedded Kafka broker and a real PostgreSQL: samples
 * produced with a plain KafkaProducer are stored, queried raw and downsampled, never duplicated
 * on redelivery, poison records go to the dead-letter topic without blocking, and retention
 * drops old partitions.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 3, topics = "linewatch.telemetry.v1")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.topics.telemetry-partitions=3",
            "linewatch.ingest.mqtt.enabled=false",
            "linewatch.storage.concurrency=2",
            "linewatch.storage.retry-initial-interval=100ms",
            "linewatch.storage.retry-max-interval=1s",
            "linewatch.storage.fetch-max-wait=20ms",
            "linewatch.storage.lag-interval=200ms",
            "management.endpoint.health.show-details=always"
        })
class TelemetryStorageIntegrationTest {

    static final String TOPIC = "linewatch.telemetry.v1";
    static final String GROUP = "linewatch-ingest-storage";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Two hours ago on a whole hour: inside retention, and minute buckets line up with the data. */
    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    static KafkaProducer<String, byte[]> producer;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    PartitionMaintenance maintenance;

    @Autowired
    TelemetryPartitions partitions;

    @Autowired
    ApiKeyService keys;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void producer(@Value("${spring.embedded.kafka.brokers}") String brokers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void producedSamplesAreStoredAndQueryableRawAndDownsampledPerSensor() {
        List<TelemetrySample> samples = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("temp", (double) i);
            if (i % 2 == 0) {
                values.put("pressure", 2.0 * i);
            }
            samples.add(sample("m-query", i * 1000L, values));
        }
        send(samples);
        awaitRows("m-query", 120);

        JsonNode raw =
                get("/api/v1/machines/m-query/telemetry?from={from}&to={to}&limit=1000", BASE, BASE.plusSeconds(120));
        assertThat(raw.get("samples")).hasSize(120);
        assertThat(raw.get("truncated").asBoolean()).isFalse();
        assertThat(raw.get("sensors").toString()).isEqualTo("[\"pressure\",\"temp\"]");
        JsonNode first = raw.get("samples").get(0);
        assertThat(Instant.parse(first.get("ts").asString())).isEqualTo(BASE);
        assertThat(first.get("values").get("temp").asDouble()).isEqualTo(0.0);
        assertThat(first.get("values").get("pressure").asDouble()).isEqualTo(0.0);
        JsonNode second = raw.get("samples").get(1);
        assertThat(second.get("values").get("temp").asDouble()).isEqualTo(1.0);
        assertThat(second.get("values").has("pressure")).isFalse();

        JsonNode page = get(
                "/api/v1/machines/m-query/telemetry?from={from}&to={to}&sensors=temp&limit=50",
                BASE.toEpochMilli(),
                BASE.plusSeconds(120).toEpochMilli());
        assertThat(page.get("samples")).hasSize(50);
        assertThat(page.get("truncated").asBoolean()).isTrue();
        assertThat(Instant.parse(page.get("next").asString())).isEqualTo(BASE.plusMillis(49_001));
        assertThat(page.get("samples").get(49).get("values").toString()).isEqualTo("{\"temp\":49.0}");

        JsonNode minutes =
                get("/api/v1/machines/m-query/telemetry?from={from}&to={to}&step=1m", BASE, BASE.plusSeconds(120));
        assertThat(minutes.get("buckets")).hasSize(2);
        JsonNode bucket = minutes.get("buckets").get(0);
        assertThat(Instant.parse(bucket.get("ts").asString())).isEqualTo(BASE);
        assertThat(bucket.get("values").get("temp").toString()).isEqualTo("{\"avg\":29.5,\"min\":0.0,\"max\":59.0}");
        assertThat(bucket.get("values").get("pressure").toString())
                .isEqualTo("{\"avg\":58.0,\"min\":0.0,\"max\":116.0}");
        assertThat(minutes.get("buckets")
                        .get(1)
                        .get("values")
                        .get("temp")
                        .get("avg")
                        .asDouble())
                .isEqualTo(89.5);

        JsonNode halfMinutes = get(
                "/api/v1/machines/m-query/telemetry?from={from}&to={to}&step=30s&agg=max&sensors=temp",
                BASE,
                BASE.plusSeconds(120));
        List<String> maxima = new ArrayList<>();
        halfMinutes.get("buckets").forEach(b -> maxima.add(b.get("values").toString()));
        assertThat(maxima)
                .containsExactly(
                        "{\"temp\":{\"max\":29.0}}",
                        "{\"temp\":{\"max\":59.0}}",
                        "{\"temp\":{\"max\":89.0}}",
                        "{\"temp\":{\"max\":119.0}}");
    }

    @Test
    void badQueriesAreProblemDetailsNamingTheParameterAndUnknownMachinesAre404() {
        send(List.of(sample("m-problems", 0, Map.of("temp", 1.0))));
        awaitRows("m-problems", 1);
        String path = "/api/v1/machines/m-problems/telemetry";

        assertProblem(path + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "from");
        assertProblem(path + "?from=yesterday", 400, "from");
        assertProblem(path + "?step=fortnight", 400, "step");
        assertProblem(path + "?step=0s", 400, "step");
        assertProblem(path + "?step=1m&agg=median", 400, "agg");
        assertProblem(path + "?agg=avg", 400, "agg");
        assertProblem(path + "?limit=100001", 400, "limit");
        assertProblem(path + "?sensors=tmep", 400, "sensors");
        var missing = exchange("/api/v1/machines/no-such-machine/telemetry", TestKeys.BOOTSTRAP_ADMIN);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getBody().get("type").asString()).isEqualTo("urn:linewatch:problem:not-found");

        assertThat(exchange(path, null).getStatusCode().value()).isEqualTo(401);
        String ingestOnly =
                keys.create("ingest-only", Set.of(ApiKeyRole.INGEST), "test").key();
        assertThat(exchange(path, ingestOnly).getStatusCode().value()).isEqualTo(403);
        String reader = keys.create("reader", Set.of(ApiKeyRole.READ), "test").key();
        assertThat(exchange(path + "?from=" + BASE + "&to=" + BASE.plusSeconds(1), reader)
                        .getBody()
                        .get("samples"))
                .hasSize(1);
    }

    @Test
    void redeliveryFromTheStartNeverDuplicatesOrChangesStoredValuesAndOnlyFillsMissingSensors() throws Exception {
        List<TelemetrySample> first = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(sample("m-redeliver", i * 1000L, Map.of("a", (double) i, "b", i * 0.5)));
        }
        send(first);
        awaitRows("m-redeliver", 200);
        List<String> before = rows("m-redeliver");

        MessageListenerContainer container = listeners.getListenerContainer(TelemetryStorageListener.ID);
        container.stop();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(this::rewindGroupToEarliest);

        // Same timestamps with other values and one new sensor, then 50 new samples.
        List<TelemetrySample> second = new ArrayList<>();
        for (int i = 150; i < 250; i++) {
            second.add(
                    i < 200
                            ? sample("m-redeliver", i * 1000L, Map.of("a", -1.0, "b", -1.0, "c", 7.0))
                            : sample("m-redeliver", i * 1000L, Map.of("a", (double) i, "b", i * 0.5)));
        }
        send(second);
        container.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> lag() == 0);
        awaitRows("m-redeliver", 250);
        List<String> after = rows("m-redeliver");
        assertThat(after).hasSize(250);
        assertThat(after.subList(0, 150)).isEqualTo(before.subList(0, 150));
        for (int i = 150; i < 200; i++) {
            assertThat(after.get(i)).isEqualTo(before.get(i).replace("}", ",7}"));
        }
        assertThat(after.get(249)).endsWith("|{249,124.5}");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndLaterRecordsOfThePartitionAreStored() throws Exception {
        String marker = "not json " + UUID.randomUUID();
        producer.send(new ProducerRecord<>(TOPIC, "m-poison", marker.getBytes(StandardCharsets.UTF_8)))
                .get();
        byte[] badVersion =
                JSON.writeValueAsBytes(new TelemetrySample(99, "m-poison", BASE.toEpochMilli(), 0, Map.of("x", 1.0)));
        producer.send(new ProducerRecord<>(TOPIC, "m-poison", badVersion)).get();
        List<TelemetrySample> valid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            valid.add(sample("m-poison", i * 1000L, Map.of("x", (double) i)));
        }
        send(valid);

        awaitRows("m-poison", 10);
        try (KafkaConsumer<String, byte[]> dlt = deadLetterConsumer()) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlt.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(r -> "m-poison".equals(r.key())).count() >= 2;
            });
            List<ConsumerRecord<String, byte[]>> poison =
                    seen.stream().filter(r -> "m-poison".equals(r.key())).toList();
            assertThat(new String(poison.get(0).value(), StandardCharsets.UTF_8))
                    .isEqualTo(marker);
            assertThat(poison.get(1).value()).isEqualTo(badVersion);
            assertThat(new String(
                            poison.get(1)
                                    .headers()
                                    .lastHeader(StorageKafkaConfiguration.REASON_HEADER)
                                    .value(),
                            StandardCharsets.UTF_8))
                    .contains("schemaVersion");
            assertThat(poison.get(0).headers().lastHeader("kafka_dlt-original-topic"))
                    .isNotNull();
        }
    }

    @Test
    void retentionDropsWholeDailyPartitionsOlderThanTheRetentionAndKeepsTheRest() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate expired = today.minusDays(45);
        LocalDate alsoExpired = today.minusDays(31);
        LocalDate kept = today.minusDays(29);
        partitions.ensure(List.of(expired, alsoExpired, kept));
        jdbc.sql("INSERT INTO ingest.telemetry_sample VALUES ('m-old', ?, now(), '{1}')")
                .param(expired.atStartOfDay().atOffset(ZoneOffset.UTC))
                .update();

        List<LocalDate> dropped = maintenance.run();

        assertThat(dropped).contains(expired, alsoExpired).doesNotContain(kept);
        assertThat(partitions.list()).doesNotContain(expired, alsoExpired).contains(kept, today, today.plusDays(3));
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.telemetry_sample WHERE machine_id = 'm-old'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void storageExposesBatchLatencyThroughputAndConsumerLagMetricsAndAHealthContribution() {
        send(List.of(sample("m-metrics", 0, Map.of("x", 1.0, "y", 2.0))));
        awaitRows("m-metrics", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = client().get()
                    .uri("/actuator/prometheus")
                    .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                    .retrieve()
                    .body(String.class);
            assertThat(metrics)
                    .contains("linewatch_storage_batch_latency_seconds_count")
                    .contains("linewatch_storage_batch_size_records_count")
                    .contains("linewatch_storage_points_total")
                    .contains("linewatch_storage_samples_total")
                    .containsPattern(
                            "linewatch_storage_consumer_lag_records\\{.*group=\"linewatch-ingest-storage\".*} 0\\.0");
        });
        JsonNode health = client().get()
                .uri("/actuator/health/telemetryStorage")
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .retrieve()
                .body(JsonNode.class);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("running").asBoolean()).isTrue();
    }

    @Test
    void databaseFailuresAreRetriedUntilTheDatabaseHealsAndNothingIsDeadLettered() throws Exception {
        double failuresBefore = listenerFailures();
        double deadLetteredBefore = deadLettered();
        jdbc.sql("ALTER TABLE ingest.telemetry_sample RENAME TO telemetry_sample_away")
                .update();
        try {
            send(List.of(sample("m-outage", 0, Map.of("x", 1.0)), sample("m-outage", 1000, Map.of("x", 2.0))));
            await().atMost(Duration.ofSeconds(30)).until(() -> listenerFailures() >= failuresBefore + 2);
        } finally {
            jdbc.sql("ALTER TABLE ingest.telemetry_sample_away RENAME TO telemetry_sample")
                    .update();
        }
        awaitRows("m-outage", 2);
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore);
    }

    private double deadLettered() {
        return meters.get("linewatch.storage.samples.rejected")
                .tag("reason", "poison")
                .counter()
                .count();
    }

    private double listenerFailures() {
        return meters.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .mapToDouble(t -> t.count())
                .sum();
    }

    private void rewindGroupToEarliest() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
            for (int p = 0; p < 3; p++) {
                earliest.put(new TopicPartition(TOPIC, p), OffsetSpec.earliest());
            }
            Map<TopicPartition, OffsetAndMetadata> rewound = admin.listOffsets(earliest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(GROUP, rewound).all().get(5, TimeUnit.SECONDS);
        }
    }

    private long lag() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    private Admin admin() {
        return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
    }

    private KafkaConsumer<String, byte[]> deadLetterConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of("linewatch.telemetry.v1.dlt"));
        return consumer;
    }

    static TelemetrySample sample(String machine, long offsetMillis, Map<String, Double> values) {
        return TelemetrySample.of(machine, BASE.toEpochMilli() + offsetMillis, System.currentTimeMillis(), values);
    }

    static void send(List<TelemetrySample> samples) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (TelemetrySample s : samples) {
            acks.add(producer.send(new ProducerRecord<>(TOPIC, s.machineId(), JSON.writeValueAsBytes(s))));
        }
        producer.flush();
        acks.forEach(a -> {
            try {
                a.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitRows(String machine, long count) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT count(*) FROM ingest.telemetry_sample WHERE machine_id = ?")
                                .param(machine)
                                .query(Long.class)
                                .single()
                        == count);
    }

    /** Every row of the machine as "ts|vals", in ts order. */
    private List<String> rows(String machine) {
        return jdbc.sql("SELECT ts, vals::text FROM ingest.telemetry_sample WHERE machine_id = ? ORDER BY ts")
                .param(machine)
                .query((rs, n) ->
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant() + "|" + rs.getString(2))
                .list();
    }

    private JsonNode get(String uri, Object... variables) {
        var response = client().get()
                .uri(uri, variables)
                .header("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(response.getStatusCode().value())
                .as(String.valueOf(response.getBody()))
                .isEqualTo(200);
        return response.getBody();
    }

    private void assertProblem(String uri, int status, String field) {
        var response = exchange(uri, TestKeys.BOOTSTRAP_ADMIN);
        assertThat(response.getStatusCode().value()).as(uri).isEqualTo(status);
        assertThat(response.getBody().get("type").asString()).isEqualTo("urn:linewatch:problem:validation");
        assertThat(response.getBody().get("errors").get(0).get("field").asString())
                .isEqualTo(field);
    }

    private org.springframework.http.ResponseEntity<JsonNode> exchange(String uri, String key) {
        var request = client().get().uri(uri);
        if (key != null) {
            request = request.header("X-API-Key", key);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    private RestClient client() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
    }
}

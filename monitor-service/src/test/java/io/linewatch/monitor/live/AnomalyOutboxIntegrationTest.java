package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.event.TelemetrySample;
import io.linewatch.common.outbox.OutboxRelay;
import io.linewatch.common.outbox.OutboxSettings;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.monitor.anomaly.AnomalyRepository;
import io.linewatch.monitor.outbox.AnomalyOutbox;
import io.linewatch.monitor.training.SyntheticMachine;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The anomaly outbox with real PostgreSQL and Kafka: batches are handed to {@link MachineMonitor}
 * directly, so a crash between the database commit and the Kafka offset commit can be simulated by
 * handing the same records to a fresh monitor (a restarted process) again.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.monitor.live.enabled=true",
            "linewatch.monitor.live.model-name=test-press",
            "linewatch.monitor.live.model-version=7",
            "linewatch.outbox.poll-interval=200ms",
            "spring.datasource.hikari.maximum-pool-size=4"
        })
// closed after the class: every cached context holds database connections, and the module's
// integration tests together would otherwise exhaust the shared server's max_connections
@DirtiesContext
class AnomalyOutboxIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final double[][] FAULTY = SyntheticMachine.withFault(SyntheticMachine.normal(300, 3, 3), 2, 100, 160, 3.0);

    @DynamicPropertySource
    static void trainedModel(DynamicPropertyRegistry registry) throws IOException {
        LiveScoringIntegrationTest.trainedModel(registry);
    }

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MachineMonitor monitor;

    @Autowired
    OutboxRelay relay;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    LiveScoringSettings settings;

    @Autowired
    LiveModels models;

    @Autowired
    AnomalyOutbox outbox;

    @Autowired
    AnomalyRepository anomalies;

    @Autowired
    LiveMetrics metrics;

    @Autowired
    OpenAnomalies open;

    @Test
    void eventsWaitInTheOutboxWhileKafkaIsUnreachableAndReachItLaterInCommitOrder() {
        List<UUID> written;
        relay.stop();
        try {
            monitor.accept(records("press-a", 0, FAULTY.length));
            written = eventIds("press-a", false);
            assertThat(written).as("the fault raises and clears").hasSizeGreaterThanOrEqualTo(2);

            OutboxSettings quick =
                    new OutboxSettings(Duration.ofMillis(100), 500, Duration.ofDays(7), Duration.ofSeconds(2));
            var unreachableKafka =
                    OutboxRelay.producer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), quick);
            try {
                OutboxRelay unreachable = new OutboxRelay("monitor.anomaly_outbox", jdbc, tx, unreachableKafka, quick);
                assertThatThrownBy(unreachable::relayOnce).isInstanceOf(IllegalStateException.class);
            } finally {
                ((DefaultKafkaProducerFactory<String, String>) unreachableKafka.getProducerFactory()).destroy();
            }
            assertThat(eventIds("press-a", true)).isEmpty();
            assertThat(eventIds("press-a", false)).isEqualTo(written);
        } finally {
            relay.start();
        }

        List<JsonNode> events = consume("press-a", written.size());
        assertThat(events)
                .extracting(e -> UUID.fromString(e.get("eventId").asString()))
                .isEqualTo(written);
        assertEpisodesRaisedAndClearedOnce(events, "press-a");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(eventIds("press-a", true)).isEqualTo(written));
    }

    @Test
    void aBatchRedeliveredAfterACrashAdoptsTheOpenAnomalyInsteadOfRaisingItAgain() {
        // scored one record at a time until the fault's anomaly is open in the table
        int raisedAt = -1;
        for (int r = 0; r < FAULTY.length && raisedAt < 0; r++) {
            monitor.accept(records("press-b", r, r + 1));
            if (openAnomalies("press-b") > 0) {
                raisedAt = r;
            }
        }
        assertThat(raisedAt).as("the fault raises an anomaly").isBetween(100, 160);

        // crash after the commit, before the offsets: a restarted process gets the batch again
        MachineMonitor restarted = new MachineMonitor(settings, models, outbox, tx, anomalies, metrics, open);
        restarted.accept(records("press-b", 0, raisedAt + 1));
        assertThat(openAnomalies("press-b")).isEqualTo(1);
        restarted.accept(records("press-b", raisedAt + 1, FAULTY.length));
        List<UUID> written = eventIds("press-b");

        // and once more after everything committed: the whole stream again raises and clears nothing
        MachineMonitor again = new MachineMonitor(settings, models, outbox, tx, anomalies, metrics, open);
        again.accept(records("press-b", 0, FAULTY.length));
        assertThat(eventIds("press-b")).isEqualTo(written);
        assertThat(openAnomalies("press-b")).isZero();

        List<JsonNode> events = consume("press-b", written.size());
        assertEpisodesRaisedAndClearedOnce(events, "press-b");
        long stored = jdbc.sql("SELECT count(*) FROM monitor.anomalies WHERE machine_id = ?")
                .param("press-b")
                .query(Long.class)
                .single();
        assertThat(stored).isEqualTo(events.size() / 2);
        Instant started = Instant.parse(events.get(0).get("startedAt").asString());
        assertThat(started).isEqualTo(Instant.ofEpochMilli(LiveScoringIntegrationTest.T0 + raisedAt * 1000L));
    }

    /** Detected, Cleared, Detected, ... with one id per episode, never an id twice, ends after starts. */
    private static void assertEpisodesRaisedAndClearedOnce(List<JsonNode> events, String machine) {
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.size() % 2).isZero();
        Set<String> eventIds = new HashSet<>();
        Set<String> anomalyIds = new HashSet<>();
        for (int i = 0; i < events.size(); i += 2) {
            JsonNode raised = events.get(i);
            JsonNode cleared = events.get(i + 1);
            assertThat(raised.has("endedAt"))
                    .as("event %d is an AnomalyDetected", i)
                    .isFalse();
            assertThat(cleared.has("endedAt"))
                    .as("event %d is an AnomalyCleared", i + 1)
                    .isTrue();
            assertThat(raised.get("machineId").asString()).isEqualTo(machine);
            assertThat(cleared.get("anomalyId").asString())
                    .isEqualTo(raised.get("anomalyId").asString());
            assertThat(anomalyIds.add(raised.get("anomalyId").asString())).isTrue();
            assertThat(Instant.parse(cleared.get("endedAt").asString()))
                    .isAfter(Instant.parse(raised.get("startedAt").asString()));
            assertThat(eventIds.add(raised.get("eventId").asString())).isTrue();
            assertThat(eventIds.add(cleared.get("eventId").asString())).isTrue();
        }
    }

    /** Reads the machine's anomaly events from the start of the topic until {@code expected} came. */
    private List<JsonNode> consume(String machine, int expected) {
        List<JsonNode> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        brokers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "outbox-test-" + machine,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("linewatch.anomalies.v1"));
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(machine)) {
                        events.add(JSON.readTree(record.value()));
                    }
                }
                return events.size() >= expected;
            });
        }
        assertThat(events).hasSize(expected);
        return events;
    }

    private List<UUID> eventIds(String machine) {
        return jdbc.sql("SELECT event_id FROM monitor.anomaly_outbox WHERE message_key = ? ORDER BY id")
                .param(machine)
                .query(UUID.class)
                .list();
    }

    private List<UUID> eventIds(String machine, boolean sent) {
        return jdbc.sql(
                        "SELECT event_id FROM monitor.anomaly_outbox WHERE message_key = ? AND (sent_at IS NOT NULL) = ?"
                                + " ORDER BY id")
                .params(machine, sent)
                .query(UUID.class)
                .list();
    }

    private long openAnomalies(String machine) {
        return jdbc.sql("SELECT count(*) FROM monitor.anomalies WHERE machine_id = ? AND state = 'OPEN'")
                .param(machine)
                .query(Long.class)
                .single();
    }

    private static List<ConsumerRecord<String, TelemetrySample>> records(String machine, int from, int to) {
        List<ConsumerRecord<String, TelemetrySample>> records = new ArrayList<>();
        for (int r = from; r < to; r++) {
            long ts = LiveScoringIntegrationTest.T0 + r * 1000L;
            Map<String, Double> values =
                    Map.of("pressure", FAULTY[r][0], "current", FAULTY[r][1], "flow", FAULTY[r][2]);
            records.add(new ConsumerRecord<>(
                    "linewatch.telemetry.v1", 0, r, machine, TelemetrySample.of(machine, ts, ts, values)));
        }
        return records;
    }
}

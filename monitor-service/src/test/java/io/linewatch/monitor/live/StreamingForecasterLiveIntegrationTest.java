package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.linewatch.common.outbox.OutboxRelay;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.model.ModelBundle;
import io.linewatch.monitor.model.ModelKind;
import io.linewatch.monitor.training.SyntheticMachine;
import io.linewatch.monitor.trainingjob.TinyForecaster;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live scoring with a streaming forecaster trained in the test: every sample costs one
 * {@code rnnTimeStep}, a step fault is found naming its sensor, and normal data raises nothing.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@SpringBootTest(
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.monitor.live.enabled=true",
            "linewatch.monitor.live.model-name=test-forecaster",
            "linewatch.monitor.live.model-version=3",
            "linewatch.outbox.poll-interval=200ms",
            "spring.datasource.hikari.maximum-pool-size=4"
        })
// closed after the class: every cached context holds database connections, and the module's
// integration tests together would otherwise exhaust the shared server's max_connections
@DirtiesContext
class StreamingForecasterLiveIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long LAST = LiveScoringIntegrationTest.T0 + 299_000L;

    @DynamicPropertySource
    static void trainedForecaster(DynamicPropertyRegistry registry) throws IOException {
        ModelBundle bundle = TinyForecaster.train(
                SyntheticMachine.normal(400, 3, 1),
                LiveScoringIntegrationTest.SENSORS,
                10,
                new AlarmPolicy(3, 0.8, 5, 0.5));
        assertThat(bundle.kind()).isEqualTo(ModelKind.LSTM_STREAMING_FORECASTER);
        Path file = Files.createTempFile("linewatch-live-forecaster", ".zip");
        file.toFile().deleteOnExit();
        bundle.save(file);
        registry.add("linewatch.monitor.live.model-file", file::toString);
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
    MeterRegistry meters;

    @Test
    void aStepFaultIsFoundNamingItsSensorAndNormalDataRaisesNothing() {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new StringSerializer())) {
            LiveScoringIntegrationTest.send(producer, "press-normal", SyntheticMachine.normal(300, 3, 2));
            LiveScoringIntegrationTest.send(
                    producer,
                    "press-faulty",
                    SyntheticMachine.withFault(SyntheticMachine.normal(300, 3, 3), 2, 100, 160, 3.0));
            producer.flush();
        }
        await().atMost(Duration.ofMinutes(2))
                .until(() -> scoredUpTo("press-normal") && scoredUpTo("press-faulty") && relay.pending() == 0);

        long rows = jdbc.sql("SELECT count(*) FROM monitor.anomaly_outbox")
                .query(Long.class)
                .single();
        List<JsonNode> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                        ConsumerConfig.GROUP_ID_CONFIG, "streaming-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("linewatch.anomalies.v1"));
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(JSON.readTree(r.value())));
                return events.size() >= rows;
            });
        }

        assertThat(events)
                .isNotEmpty()
                .allMatch(e -> e.get("machineId").asString().equals("press-faulty"));
        JsonNode detected = events.get(0);
        assertThat(detected.has("endedAt")).isFalse();
        assertThat(detected.get("topSensors").get(0).get("sensor").asString()).isEqualTo("flow");
        assertThat(detected.get("modelName").asString()).isEqualTo("test-forecaster");
        assertThat(detected.get("modelVersion").asInt()).isEqualTo(3);
        long started = Instant.parse(detected.get("startedAt").asString()).toEpochMilli();
        // the fault starts at sample 100, one second apart from t0
        assertThat(started)
                .isBetween(LiveScoringIntegrationTest.T0 + 100_000L, LiveScoringIntegrationTest.T0 + 130_000L);
        assertThat(monitor.health("press-normal").orElseThrow().state()).isEqualTo("OK");
        // one rnnTimeStep per sample: every call steps at most one sample of each of the two
        // machines, and there is a call for every sample index (a window scorer batches a whole poll)
        DistributionSummary calls =
                meters.get("linewatch.monitor.scoring.batch.size").summary();
        assertThat(calls.max()).isLessThanOrEqualTo(2.0);
        assertThat(calls.count()).isGreaterThanOrEqualTo(300);
        assertThat(jdbc.sql("SELECT count(*) FROM monitor.anomalies WHERE machine_id = 'press-normal'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private boolean scoredUpTo(String machine) {
        return monitor.health(machine)
                .map(h -> h.lastSampleAt().toEpochMilli() == LAST)
                .orElse(false);
    }
}

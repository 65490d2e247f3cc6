package io.linewatch.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.monitor.MonitorApplication;
import io.linewatch.monitor.model.AlarmPolicy;
import io.linewatch.monitor.training.DetectorSettings;
import io.linewatch.monitor.training.DetectorTrainer;
import io.linewatch.monitor.training.SyntheticMachine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two monitor instances in one scoring group (this test's context and a second one started on the
 * same broker and database) split the machines by partition. The instance owning a faulty machine
 * is shut down while its anomaly is open; the other takes the machine over, adopts the open anomaly
 * from the anomalies table and clears it with the same id. Both instances rebuild a taken-over
 * machine's window from stored telemetry, served here by a JDK HTTP server speaking ingest-service's
 * query contract over the rows the test sent.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 4, topics = "linewatch.telemetry.v1")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.monitor.live.enabled=true",
            "linewatch.monitor.live.model-name=test-press",
            "linewatch.monitor.live.model-version=7",
            "linewatch.monitor.live.lag-interval=500ms"
        })
class TwoInstanceScalingIntegrationTest {

    static final String TELEMETRY = "linewatch.telemetry.v1";
    static final List<String> SENSORS = List.of("pressure", "current", "flow");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long T0 = 1_700_000_000_000L;
    static final int ROWS = 300;
    static String modelFile;
    /** What ingest-service would have stored: every row the test sends, by machine and ts. */
    static final Map<String, ConcurrentSkipListMap<Long, double[]>> STORED = new ConcurrentHashMap<>();

    static HttpServer ingest;
    static final String LINE = "line-7";

    @DynamicPropertySource
    static void trainedModel(DynamicPropertyRegistry registry) throws IOException {
        DetectorSettings settings =
                new DetectorSettings(10, 16, 0.01, 15, 32, 5, 0.25, 0.8, 99, 1.5, new AlarmPolicy(3, 0.8, 5, 0.5), 42L);
        var trained = new DetectorTrainer(settings).train(SyntheticMachine.normal(400, 3, 1), SENSORS);
        Path file = Files.createTempFile("linewatch-scaling-model", ".zip");
        file.toFile().deleteOnExit();
        trained.bundle().save(file);
        modelFile = file.toString();
        registry.add("linewatch.monitor.live.model-file", () -> modelFile);
        ingest = ingestQueryContract();
        registry.add("linewatch.monitor.live.ingest-url", TwoInstanceScalingIntegrationTest::ingestUrl);
        registry.add("linewatch.monitor.live.ingest-api-key", () -> "read-key");
    }

    static String ingestUrl() {
        return "http://127.0.0.1:" + ingest.getAddress().getPort();
    }

    /**
     * ingest-service's query contract ({@code GET /api/v1/machines/{id}/telemetry?from&to&limit},
     * samples oldest first, {@code truncated}/{@code next}) over {@link #STORED}: a stand-in for
     * ingest-service, which this module's tests cannot start.
     */
    static HttpServer ingestQueryContract() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/machines/", exchange -> {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length == 5) {
                // the asset API: every machine of this test stands on line "line-7"
                byte[] body = JSON.writeValueAsBytes(Map.of("id", path[4], "lineId", LINE, "type", "press"));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            Map<String, String> q = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            long from = Instant.parse(q.get("from")).toEpochMilli();
            long to = Instant.parse(q.get("to")).toEpochMilli();
            int limit = Integer.parseInt(q.get("limit"));
            List<Map<String, Object>> samples = new ArrayList<>();
            Instant next = null;
            var rows = STORED.getOrDefault(path[4], new ConcurrentSkipListMap<>());
            for (var e : rows.subMap(from, to).entrySet()) {
                if (samples.size() == limit) {
                    next = Instant.ofEpochMilli(e.getKey());
                    break;
                }
                double[] row = e.getValue();
                samples.add(Map.of(
                        "ts", Instant.ofEpochMilli(e.getKey()).toString(),
                        "values", Map.of("pressure", row[0], "current", row[1], "flow", row[2])));
            }
            Map<String, Object> page = new HashMap<>();
            page.put("machineId", path[4]);
            page.put("samples", samples);
            page.put("truncated", next != null);
            page.put("next", next == null ? null : next.toString());
            byte[] body = JSON.writeValueAsBytes(page);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stopIngest() {
        ingest.stop(0);
    }

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    Environment environment;

    @Autowired
    MachineMonitor monitorA;

    @Autowired
    KafkaListenerEndpointRegistry listenersA;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAnomalyOpenOnAStoppedInstanceIsClearedByTheNewOwnerAndNoEventIsDuplicated() throws Exception {
        ConfigurableApplicationContext b = secondInstance();
        List<JsonNode> events = new ArrayList<>();
        try (var producer = new KafkaProducer<>(
                        Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                        new StringSerializer(),
                        new StringSerializer());
                var anomalies = new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                                ConsumerConfig.GROUP_ID_CONFIG, "scaling-test",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            anomalies.subscribe(List.of("linewatch.anomalies.v1"));
            MachineMonitor monitorB = b.getBean(MachineMonitor.class);
            var listenersB = b.getBean(KafkaListenerEndpointRegistry.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Set<TopicPartition> a = assigned(listenersA);
                Set<TopicPartition> other = assigned(listenersB);
                return !a.isEmpty() && !other.isEmpty() && a.size() + other.size() == 4;
            });
            Set<Integer> onB =
                    assigned(listenersB).stream().map(TopicPartition::partition).collect(Collectors.toSet());
            String faulty = machineOn(onB, true, "press-faulty-");
            String normalOnA = machineOn(onB, false, "press-a-");
            String normalOnB = machineOn(onB, true, "press-b-");
            Map<String, double[][]> rows = Map.of(
                    faulty, SyntheticMachine.withFault(SyntheticMachine.normal(ROWS, 3, 3), 2, 100, 160, 3.0),
                    normalOnA, SyntheticMachine.normal(ROWS, 3, 4),
                    normalOnB, SyntheticMachine.normal(ROWS, 3, 5));

            send(producer, rows, 0, 100);
            awaitScored(monitorB, faulty, 99);
            awaitScored(monitorA, normalOnA, 99);
            // one row at a time into the fault until instance B raises the anomaly
            int raisedAt = -1;
            for (int r = 100; r < 160 && raisedAt < 0; r++) {
                send(producer, rows, r, r + 1);
                awaitScored(monitorB, faulty, r);
                if (monitorB.health(faulty).orElseThrow().state().equals("ALARM")) {
                    raisedAt = r;
                }
            }
            assertThat(raisedAt).as("instance B raised the fault").isPositive();
            UUID openOnB = openAnomaly(faulty);

            b.close(); // instance B leaves the group with the anomaly open
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> assigned(listenersA).size() == 4);
            // A rebuilds the window from stored telemetry: the first sample after the takeover is scored
            // at once (without the warm-up A would need W = 10 samples before its first score)
            send(producer, rows, raisedAt + 1, raisedAt + 2);
            awaitScored(monitorA, faulty, raisedAt + 1);
            assertThat(monitorA.health(faulty).orElseThrow().state()).isEqualTo("ALARM");
            send(producer, rows, raisedAt + 2, ROWS);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (var record : anomalies.poll(Duration.ofMillis(200))) {
                    events.add(JSON.readTree(record.value()));
                }
                // one assertion naming every part, so a timeout says which part was missing
                assertThat(List.of(
                                lastSample(monitorA, faulty),
                                lastSample(monitorA, normalOnB),
                                (long) openCount(),
                                (long) events.size()))
                        .as("last sample of %s and %s on A, open anomalies, events (%s)", faulty, normalOnB, events)
                        .containsExactly(ROWS - 1L, ROWS - 1L, 0L, 2L * episodes());
            });

            Map<String, List<JsonNode>> detected = byAnomaly(events, false);
            Map<String, List<JsonNode>> cleared = byAnomaly(events, true);
            assertThat(detected.values()).allMatch(list -> list.size() == 1);
            assertThat(cleared.values()).allMatch(list -> list.size() == 1);
            assertThat(cleared.keySet()).isEqualTo(detected.keySet());
            assertThat(events).allMatch(e -> e.get("machineId").asString().equals(faulty));
            // the line comes from ingest-service's asset API, also on the clear the adopting instance sends
            assertThat(events)
                    .allMatch(e -> e.hasNonNull("lineId")
                            && LINE.equals(e.get("lineId").asString()));
            // the episode raised on B is cleared by A under the same id, after the takeover
            JsonNode adoptedClear = cleared.get(openOnB.toString()).get(0);
            assertThat(Instant.parse(adoptedClear.get("endedAt").asString()))
                    .isAfter(Instant.ofEpochMilli(T0 + raisedAt * 1000L));
            assertThat(Instant.parse(adoptedClear.get("startedAt").asString()))
                    .isEqualTo(Instant.parse(detected.get(openOnB.toString())
                            .get(0)
                            .get("startedAt")
                            .asString()));
        } finally {
            b.close();
        }
    }

    private ConfigurableApplicationContext secondInstance() {
        // the same monitor application (its own classpath:application.yml), database, broker and group;
        // command-line arguments, as default properties would lose to application.yml's placeholders
        return new SpringApplicationBuilder(MonitorApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                        "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                        "--spring.kafka.bootstrap-servers=" + brokers,
                        "--linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
                        "--linewatch.monitor.live.enabled=true",
                        "--linewatch.monitor.live.model-name=test-press",
                        "--linewatch.monitor.live.model-version=7",
                        "--linewatch.monitor.live.lag-interval=500ms",
                        "--linewatch.monitor.live.model-file=" + modelFile,
                        "--linewatch.monitor.live.ingest-url=" + ingestUrl(),
                        "--linewatch.monitor.live.ingest-api-key=read-key");
    }

    private static Set<TopicPartition> assigned(KafkaListenerEndpointRegistry registry) {
        var partitions =
                registry.getListenerContainer(TelemetryScoringListener.ID).getAssignedPartitions();
        return partitions == null ? Set.of() : new HashSet<>(partitions);
    }

    /** A machine id whose records go (the producer's default partitioner) to a partition of B or not. */
    private static String machineOn(Set<Integer> partitionsOfB, boolean onB, String prefix) {
        for (int n = 0; ; n++) {
            String id = prefix + n;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 4;
            if (partitionsOfB.contains(partition) == onB) {
                return id;
            }
        }
    }

    private static void awaitScored(MachineMonitor monitor, String machine, int row) {
        await().atMost(Duration.ofSeconds(30)).until(() -> lastSample(monitor, machine) == row);
    }

    private static long lastSample(MachineMonitor monitor, String machine) {
        return monitor.health(machine)
                .map(h -> (h.lastSampleAt().toEpochMilli() - T0) / 1000)
                .orElse(-1L);
    }

    private UUID openAnomaly(String machine) {
        return jdbc.sql("SELECT anomaly_id FROM monitor.anomalies WHERE machine_id = ? AND state = 'OPEN'")
                .param(machine)
                .query(UUID.class)
                .single();
    }

    private int openCount() {
        return jdbc.sql("SELECT count(*) FROM monitor.anomalies WHERE state = 'OPEN'")
                .query(Integer.class)
                .single();
    }

    private int episodes() {
        return jdbc.sql("SELECT count(*) FROM monitor.anomalies")
                .query(Integer.class)
                .single();
    }

    private static Map<String, List<JsonNode>> byAnomaly(List<JsonNode> events, boolean cleared) {
        return events.stream()
                .filter(e -> e.has("endedAt") == cleared)
                .collect(Collectors.groupingBy(e -> e.get("anomalyId").asString(), Collectors.toList()));
    }

    private static void send(KafkaProducer<String, String> producer, Map<String, double[][]> rows, int from, int to) {
        for (int r = from; r < to; r++) {
            for (var machine : rows.entrySet()) {
                double[] row = machine.getValue()[r];
                STORED.computeIfAbsent(machine.getKey(), k -> new ConcurrentSkipListMap<>())
                        .put(T0 + r * 1000L, row);
                String json = JSON.writeValueAsString(Map.of(
                        "schemaVersion",
                        1,
                        "machineId",
                        machine.getKey(),
                        "ts",
                        T0 + r * 1000L,
                        "receivedAt",
                        T0 + r * 1000L,
                        "values",
                        Map.of("pressure", row[0], "current", row[1], "flow", row[2])));
                producer.send(new ProducerRecord<>(TELEMETRY, machine.getKey(), json));
            }
        }
        producer.flush();
    }
}

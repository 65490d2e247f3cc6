package io.linewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.test.TestKeys;
import io.linewatch.common.test.TestPostgres;
import io.linewatch.ingest.IngestApplication;
import io.linewatch.ingest.TelemetryTopic;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proves the streaming claim: a real ingest-service in its own JVM with a 128 MiB heap takes a
 * 256 MiB CSV backfill in one request (generated on the fly, chunked), answers 200 only after
 * Kafka acknowledged every sample, and the topic then holds exactly one record per row. The
 * child exits on the first OutOfMemoryError, so holding the body would fail the request.
 */
class BoundedHeapBackfillIntegrationTest {

    static final long BODY_BYTES = 256L << 20;
    static final int HEAP_MB = 128;
    static final int SENSORS = 32;
    static final int MACHINES = 8;
    static final String TOPIC = "lwtest.backfill.v1";

    static EmbeddedKafkaKraftBroker broker;
    static String database;
    static Process service;
    static int port;

    @BeforeAll
    static void startBrokerDatabaseAndAServiceWithASmallHeap() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        String url = TestPostgres.createDatabase("backfill");
        database = url.substring(url.lastIndexOf('/') + 1);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "backfill-service.log");
        service = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + HEAP_MB + "m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        IngestApplication.class.getName(),
                        "--server.port=" + port,
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + TestPostgres.USER,
                        "--spring.datasource.password=" + TestPostgres.PASSWORD,
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
                        "--linewatch.topics.telemetry=" + TOPIC,
                        "--linewatch.ingest.telemetry.mode=lenient",
                        "--linewatch.ingest.mqtt.enabled=false",
                        "--linewatch.storage.enabled=false")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(service.isAlive()).as("service died, see " + log).isTrue();
                    return get("/actuator/health/readiness").startsWith("{\"status\":\"UP\"");
                });
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        if (database != null) {
            TestPostgres.dropDatabase(database);
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aCsvBackfillTwiceTheHeapStreamsThroughAndEveryRowLandsInKafka() throws Exception {
        HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/v1/telemetry")
                .toURL()
                .openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setChunkedStreamingMode(1 << 16);
        http.setReadTimeout(240_000);
        http.setRequestProperty("Content-Type", "text/csv");
        http.setRequestProperty("X-API-Key", TestKeys.BOOTSTRAP_ADMIN);
        long rows = 0;
        long bytes = 0;
        long base = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        try (BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(http.getOutputStream(), StandardCharsets.US_ASCII), 1 << 16)) {
            StringBuilder line = new StringBuilder(512).append("machineId,ts");
            for (int s = 0; s < SENSORS; s++) {
                line.append(",s").append(s);
            }
            line.append('\n');
            out.append(line);
            bytes += line.length();
            while (bytes < BODY_BYTES) {
                line.setLength(0);
                line.append("bf-").append(rows % MACHINES).append(',').append(base + rows);
                for (int s = 0; s < SENSORS; s++) {
                    line.append(',').append((rows + s) % 1000).append('.').append(s % 10);
                }
                line.append('\n');
                out.append(line);
                bytes += line.length();
                rows++;
            }
        }
        int status = http.getResponseCode();
        String body = new String(
                (status < 400 ? http.getInputStream() : http.getErrorStream()).readAllBytes(), StandardCharsets.UTF_8);

        assertThat(status).as(body).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = JsonMapper.builder().build().readValue(body, Map.class);
        assertThat(((Number) result.get("accepted")).longValue()).isEqualTo(rows);
        assertThat(((Number) result.get("acceptedPoints")).longValue()).isEqualTo(rows * SENSORS);
        assertThat(service.isAlive()).isTrue();
        assertThat(maxHeapOfService())
                .as("the service really ran with a heap smaller than the body")
                .isLessThanOrEqualTo((long) HEAP_MB << 20)
                .isLessThan(BODY_BYTES);

        assertThat(recordsInTopic()).isEqualTo(rows);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        20),
                new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition first = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(first));
            consumer.seekToBeginning(List.of(first));
            List<ConsumerRecord<String, String>> sample = new java.util.ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(sample::add);
                return !sample.isEmpty();
            });
            for (ConsumerRecord<String, String> record : sample) {
                Map<String, Object> value = TelemetryTopic.value(record);
                assertThat(record.key()).startsWith("bf-").isEqualTo(value.get("machineId"));
                assertThat((Map<?, ?>) value.get("values")).hasSize(SENSORS);
            }
        }
    }

    static long recordsInTopic() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            List<TopicPartition> partitions =
                    admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().stream()
                            .map(p -> new TopicPartition(TOPIC, p.partition()))
                            .toList();
            return admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get()
                    .values()
                    .stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
    }

    /** MaxHeapSize as the running service JVM reports it (jcmd ships with the JDK running the tests). */
    static long maxHeapOfService() throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(service.pid()),
                        "VM.flags")
                .redirectErrorStream(true)
                .start();
        String flags = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("MaxHeapSize=(\\d+)").matcher(flags);
        assertThat(m.find()).as(flags).isTrue();
        return Long.parseLong(m.group(1));
    }

    static String get(String path) throws IOException {
        HttpURLConnection http = (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        http.setRequestProperty("X-API-Key", TestKeys.BOOTSTRAP_ADMIN);
        http.setConnectTimeout(2000);
        try {
            return new String(http.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } finally {
            http.disconnect();
        }
    }
}

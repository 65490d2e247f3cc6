package io.linewatch.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Backpressure from real consumer-group lag, then a stopped broker: this class owns its broker
 * and stops it, so it runs last within the class and closes its context afterwards.
 */
@FreshDatabase
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.ingest.mqtt.enabled=true",
            "linewatch.ingest.mqtt.topic-filter=lwtest-outage/+/telemetry",
            "linewatch.ingest.mqtt.retry-backoff=300ms",
            "linewatch.storage.enabled=false",
            "linewatch.ingest.backpressure.group-id=" + KafkaOutageIntegrationTest.GROUP,
            "linewatch.ingest.backpressure.max-lag=5",
            "linewatch.ingest.backpressure.check-interval=200ms",
            "linewatch.ingest.telemetry.retry-after=7s",
            "spring.kafka.producer.properties.request.timeout.ms=1000",
            "spring.kafka.producer.properties.delivery.timeout.ms=2500",
            "spring.kafka.producer.properties.max.block.ms=1500"
        })
class KafkaOutageIntegrationTest {

    static final String GROUP = "lwtest-storage-lag";
    static final String TOPIC = "linewatch.telemetry.v1";
    static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 1);

    static {
        BROKER.afterPropertiesSet();
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BROKER::getBrokersAsString);
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    RestClient client;

    @BeforeAll
    void registerMachine() {
        client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
        client.post()
                .uri("/api/v1/machines")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", "oven-1"))
                .retrieve()
                .toBodilessEntity();
        client.put()
                .uri("/api/v1/machines/oven-1/sensors/temp")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "temp"))
                .retrieve()
                .toBodilessEntity();
    }

    ResponseEntity<Map> post(int samples) {
        long ts = System.currentTimeMillis() - 1000;
        StringBuilder csv = new StringBuilder("machineId,ts,temp\n");
        for (int i = 0; i < samples; i++) {
            csv.append("oven-1,").append(ts + i).append(",").append(i).append('\n');
        }
        return client.post()
                .uri("/api/v1/telemetry")
                .contentType(MediaType.parseMediaType("text/csv"))
                .body(csv.toString())
                .retrieve()
                .toEntity(Map.class);
    }

    @Test
    @Order(1)
    void whenTheStoringGroupLagsBeyondTheLimitIngestAnswers429UntilItCatchesUp() {
        assertThat(post(10).getStatusCode()).isEqualTo(HttpStatus.OK);

        try (KafkaConsumer<String, String> storing = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        BROKER.getBrokersAsString(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        GROUP),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = storing.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            assertThat(partitions).hasSize(12);
            Map<TopicPartition, OffsetAndMetadata> nothingConsumed = new HashMap<>();
            partitions.forEach(p -> nothingConsumed.put(p, new OffsetAndMetadata(0)));
            storing.commitSync(nothingConsumed);

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ResponseEntity<Map> shed = post(1);
                assertThat(shed.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                assertThat(shed.getHeaders().getFirst("Retry-After")).isEqualTo("7");
                assertThat(shed.getBody())
                        .containsEntry("type", "urn:linewatch:problem:overloaded")
                        .containsEntry("accepted", 0)
                        .containsEntry("firstUnacceptedIndex", 0);
            });

            Map<TopicPartition, OffsetAndMetadata> caughtUp = new HashMap<>();
            storing.endOffsets(partitions).forEach((p, end) -> caughtUp.put(p, new OffsetAndMetadata(end)));
            storing.commitSync(caughtUp);
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> post(1).getStatusCode() == HttpStatus.OK);
    }

    @Test
    @Order(2)
    void withTheBrokerStoppedNothingIsAcknowledgedAndTheAnswerIs503WithRetryAfter() {
        BROKER.destroy();

        ResponseEntity<Map> response = post(3);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("7");
        assertThat(response.getBody())
                .containsEntry("type", "urn:linewatch:problem:unavailable")
                .containsEntry("received", 3)
                .containsEntry("accepted", 0)
                .containsEntry("firstUnacceptedIndex", 0);
        assertThat((String) response.getBody().get("detail")).contains("rows from index 0 on were not accepted");
    }

    @Test
    @Order(3)
    void anMqttMessageKafkaCannotTakeIsRetriedAndNeverCountedAsAccepted() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(mosquittoUp(), "Mosquitto must listen on 127.0.0.1:1883");
        var unavailable = meters.counter("linewatch.ingest.requests", "source", "mqtt", "outcome", "unavailable");
        var accepted = meters.counter("linewatch.ingest.samples.accepted", "source", "mqtt");
        var gateway = new org.eclipse.paho.client.mqttv3.MqttClient(
                "tcp://127.0.0.1:1883",
                "lwtest-outage-gw-" + java.util.UUID.randomUUID(),
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        gateway.connect();
        try {
            byte[] payload = ("{\"ts\":" + System.currentTimeMillis() + ",\"values\":{\"temp\":1}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // The bridge subscribes in the background; publish until it has seen a message, then
            // wait for it to have failed on Kafka and retried the same message at least once more.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                gateway.publish("lwtest-outage/oven-1/telemetry", payload, 1, false);
                return unavailable.count() >= 1;
            });
            double first = unavailable.count();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> unavailable.count() >= first + 2);
            assertThat(accepted.count()).isZero();
        } finally {
            gateway.disconnect();
            gateway.close();
        }
    }

    static boolean mosquittoUp() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", 1883)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

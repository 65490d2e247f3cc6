package io.linewatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.linewatch.common.test.FreshDatabase;
import io.linewatch.common.test.TestKeys;
import io.linewatch.ingest.TelemetryTopic;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * MQTT ingestion against the real Mosquitto on 127.0.0.1:1883 (CI starts it), in lenient mode:
 * samples of machines and sensors nobody registered are accepted and register them.
 */
@FreshDatabase
@EmbeddedKafka(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "linewatch.security.bootstrap-admin-key=" + TestKeys.BOOTSTRAP_ADMIN,
            "linewatch.storage.enabled=false",
            "linewatch.ingest.telemetry.mode=lenient",
            "linewatch.ingest.mqtt.enabled=true",
            "linewatch.ingest.mqtt.topic-filter=" + MqttIngestIntegrationTest.PREFIX + "/+/telemetry",
            "linewatch.ingest.mqtt.rejection-topic=" + MqttIngestIntegrationTest.PREFIX
                    + "/{machineId}/telemetry/rejected"
        })
class MqttIngestIntegrationTest {

    /** A topic root of this run only, so parallel or earlier runs on the same broker never mix in. */
    static final String PREFIX = "lwtest-mqtt-ingest";

    static final String ROOT = PREFIX;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    TelemetryTopic topic;
    MqttClient gateway;
    final LinkedBlockingQueue<String> rejections = new LinkedBlockingQueue<>();

    @BeforeAll
    void connectGateway() throws Exception {
        assumeTrue(brokerUp(), "Mosquitto must listen on 127.0.0.1:1883 (.ci/run starts it)");
        topic = new TelemetryTopic(brokers, "linewatch.telemetry.v1");
        gateway = new MqttClient("tcp://127.0.0.1:1883", "lwtest-gw-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        gateway.connect(options);
        gateway.subscribe(
                ROOT + "/+/telemetry/rejected",
                1,
                (t, m) -> rejections.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
    }

    @AfterAll
    void disconnect() throws Exception {
        if (gateway != null) {
            gateway.disconnect();
            gateway.close();
        }
        if (topic != null) {
            topic.close();
        }
    }

    private static boolean brokerUp() {
        try (Socket s = new Socket("127.0.0.1", 1883)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** QoS 1 publishes are retried until the bridge has subscribed (it connects in the background). */
    void publishUntilSeen(String machine, String payload, int records) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            gateway.publish(ROOT + "/" + machine + "/telemetry", payload.getBytes(StandardCharsets.UTF_8), 1, false);
            return topic.settle(machine).size() >= records;
        });
    }

    @Test
    void aSampleObjectPublishedByAGatewayLandsInKafkaUnderTheMachineOfTheTopic() {
        long ts = System.currentTimeMillis();
        publishUntilSeen("mq-1", "{\"ts\":" + ts + ",\"values\":{\"temp\":20.5,\"rpm\":900}}", 1);

        List<ConsumerRecord<String, String>> records = topic.settle("mq-1");
        Map<String, Object> value = TelemetryTopic.value(records.get(0));
        assertThat(value)
                .containsEntry("machineId", "mq-1")
                .containsEntry("ts", ts)
                .containsEntry("values", Map.of("temp", 20.5, "rpm", 900.0));
    }

    @Test
    void invalidSamplesArePublishedOnTheRejectionTopicAndTheValidOnesStillLand() throws Exception {
        long ts = System.currentTimeMillis();
        String payload = "[{\"ts\":" + ts + ",\"values\":{\"temp\":1}},"
                + "{\"ts\":" + (ts + 1) + ",\"values\":{\"temp\":\"hot\"}},"
                + "{\"ts\":" + (ts + 2) + ",\"values\":{\"temp\":NaN}}]";
        publishUntilSeen("mq-2", payload, 1);

        String rejection = rejections.poll(30, TimeUnit.SECONDS);
        assertThat(rejection).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(rejection, Map.class);
        assertThat(body)
                .containsEntry("machineId", "mq-2")
                .containsEntry("topic", ROOT + "/mq-2/telemetry")
                .containsEntry("accepted", 1)
                .containsEntry("rejected", 2);
        assertThat(body.get("errors").toString()).contains("index=1", "not_numeric", "index=2", "not_finite");
        assertThat(TelemetryTopic.value(topic.settle("mq-2").get(0))).containsEntry("ts", ts);
    }

    @Test
    void lenientModeRegistersUnknownMachinesAndSensorsFromHttpTelemetry() {
        RestClient client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("X-API-Key", TestKeys.BOOTSTRAP_ADMIN)
                .defaultStatusHandler(status -> true, (req, res) -> {})
                .build();
        long ts = System.currentTimeMillis();
        var response = client.post()
                .uri("/api/v1/telemetry")
                .contentType(MediaType.APPLICATION_JSON)
                .body("[{\"machineId\":\"new-press\",\"ts\":" + ts + ",\"values\":{\"force\":12.5,\"stroke\":3}},"
                        + "{\"machineId\":\"bad/id\",\"ts\":" + ts + ",\"values\":{\"force\":1}}]")
                .retrieve()
                .toEntity(Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.MULTI_STATUS);
        assertThat(response.getBody()).containsEntry("accepted", 1).containsEntry("rejected", 1);

        var machine = client.get().uri("/api/v1/machines/new-press").retrieve().toEntity(Map.class);
        assertThat(machine.getBody()).containsEntry("autoRegistered", true).containsEntry("lineId", null);
        var sensors = client.get()
                .uri("/api/v1/machines/new-press/sensors")
                .retrieve()
                .toEntity(List.class);
        assertThat(sensors.getBody().toString()).contains("name=force", "name=stroke", "autoRegistered=true");
        assertThat(TelemetryTopic.value(topic.await("new-press", 1).get(0))).containsEntry("machineId", "new-press");
    }
}
